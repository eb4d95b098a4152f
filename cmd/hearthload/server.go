package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// hearthProcess is the server under load: a separate process, so that its
// memory is its own and it runs exactly as it would in a deployment.
type hearthProcess struct {
	cmd     *exec.Cmd
	base    string
	logPath string
	dir     string
	done    chan error
	stopped bool
}

// startHearth builds (unless given) and starts hearth serve on a free
// loopback port and waits until it answers /readyz.
func startHearth(ctx context.Context, o options) (*hearthProcess, error) {
	dir, err := os.MkdirTemp("", "hearthload-")
	if err != nil {
		return nil, err
	}
	bin := o.hearth
	if bin == "" {
		bin = filepath.Join(dir, "hearth")
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/hearth") //nolint:gosec // builds Hearth into our own temporary folder
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("build hearth (run hearthload from the repository, or pass -hearth): %v\n%s", err, out)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	logFile, err := os.Create(filepath.Join(dir, "hearth.log")) //nolint:gosec // a file in our own temporary folder
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve") //nolint:gosec // the hearth binary we built, or the one the operator named
	cmd.Env = append(os.Environ(), "HEARTH_ADDR="+addr, "HEARTH_DEMO=false", "HEARTH_SMTP_ADDR=",
		"HEARTH_DATABASE_URL="+o.databaseURL, "HEARTH_DATA_DIR="+o.dataDir, "HEARTH_PROFILE_DIR="+o.profile)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start hearth: %w", err)
	}
	p := &hearthProcess{cmd: cmd, base: "http://" + addr, logPath: logFile.Name(), dir: dir, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait(); logFile.Close() }()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		select {
		case err := <-p.done:
			p.stopped = true
			return nil, fmt.Errorf("hearth stopped before it was ready (%v); its log is %s", err, p.logPath)
		default:
		}
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
	}
	_ = p.stop() // the error below says what matters
	return nil, fmt.Errorf("hearth was not ready within a minute; its log is %s", p.logPath)
}

// peakRSS is the most memory the server has held resident since it
// started (the kernel's high-water mark, VmHWM), in bytes.
func (p *hearthProcess) peakRSS() (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("read the server's memory (Linux only): %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// stop asks the server to shut down as a deployment would (SIGTERM) and
// waits for it; it is safe to call twice.
func (p *hearthProcess) stop() error {
	if p.stopped {
		return nil
	}
	p.stopped = true
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("stop hearth: %w", err)
	}
	select {
	case err := <-p.done:
		return err
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill() // and say why, below
		return errors.New("hearth did not stop within 30 s of SIGTERM; killed")
	}
}
