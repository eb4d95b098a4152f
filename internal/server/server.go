// Package server is Hearth's HTTP surface: the Fiber app, its routes, and the
// one error handler every route reports through.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/template/html/v2"

	"github.com/hearth-registry/hearth/internal/api"
	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/ui"
	"github.com/hearth-registry/hearth/web"
)

// Server is the Hearth web application: the shared environment, the Fiber
// app with its middleware, and the route table that joins the API's and
// the pages' handlers to their access policies.
type Server struct {
	*httpx.Env
	app *fiber.App
	api *api.Handler
	ui  *ui.Handler
	// policies maps "METHOD /path" to the policy it was registered with.
	policies map[string]auth.Policy
}

// New builds the Fiber app with its middleware and routes. Templates are
// parsed here, so a broken template stops the start rather than the first
// request that needs it.
func New(cfg config.Config, st *store.Store, logger *slog.Logger, version string) (*Server, error) {
	s, err := newServer(cfg, st, logger, version)
	if err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// newServer builds the app and its middleware, without routes.
func newServer(cfg config.Config, st *store.Store, logger *slog.Logger, version string) (*Server, error) {
	views := html.NewFileSystem(http.FS(web.Templates()), ".html")
	views.AddFuncMap(httpx.PageFuncs)
	if err := views.Load(); err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	valid, err := request.NewValidator(time.Now)
	if err != nil {
		return nil, err
	}
	secrets, err := auth.NewSecretBox(cfg.SecretKey)
	if err != nil {
		return nil, err
	}
	env := &httpx.Env{Store: st, Log: logger, Cfg: cfg, Version: version, Valid: valid, Views: registry.NewViewLog(st.Client),
		Sessions: auth.NewSessions(st.Client), Throttle: auth.NewThrottle(st.Client, st.Dialect, cfg.SecretKey), Secrets: secrets}
	s := &Server{Env: env, api: &api.Handler{Env: env}, ui: &ui.Handler{Env: env}}
	s.Sessions.Idle, s.Sessions.Absolute = cfg.SessionIdle, cfg.SessionMax
	s.app = fiber.New(fiber.Config{
		AppName:         "Hearth",
		Views:           views,
		ErrorHandler:    s.HandleError,
		StructValidator: valid,
		BodyLimit:       cfg.BodyLimit,
		ReadTimeout:     cfg.ReadTimeout,
		WriteTimeout:    cfg.WriteTimeout,
		IdleTimeout:     cfg.IdleTimeout,
		// Behind proxies, the client's address and scheme come from the
		// X-Forwarded headers, and only when the connection is from one
		// of the named proxies; the address is the right-most one in
		// X-Forwarded-For that is not itself a proxy, so a client cannot
		// choose its own by sending the header. (Fiber reads ProxyHeader
		// only from a trusted proxy, so it is safe to name it always.)
		TrustProxy:         len(cfg.TrustedProxies) > 0,
		TrustProxyConfig:   fiber.TrustProxyConfig{Proxies: cfg.TrustedProxies},
		ProxyHeader:        fiber.HeaderXForwardedFor,
		EnableIPValidation: true,
		// Routes match only as written: case-insensitive matching served a
		// calendar feed at /Calendar/<token>.ics, which the log's redaction
		// (and every other check of a path's prefix) did not recognise.
		CaseSensitive: true,
	})
	s.middleware()
	return s, nil
}

// App returns the Fiber app, for tests that call app.Test.
func (s *Server) App() *fiber.App { return s.app }

// Serve answers requests on ln until ctx ends, then stops taking new
// connections and gives in-flight requests up to the shutdown timeout to
// finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() {
		errc <- s.app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.Log.Info("shutting down", "grace", s.Cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.Cfg.ShutdownTimeout)
	defer cancel()
	if err := s.app.ShutdownWithContext(shutdownCtx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("shut down: %w", err)
	}
	// If the signal came before the listener goroutine began serving, the
	// shutdown above found nothing to stop and serving would then begin
	// for good; closing the listener ourselves makes it return at once.
	ln.Close()
	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, net.ErrClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	case <-shutdownCtx.Done():
		return errors.New("the server did not stop within HEARTH_SHUTDOWN_TIMEOUT")
	}
}
