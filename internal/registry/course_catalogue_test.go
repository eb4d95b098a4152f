package registry_test

import (
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// TestCatalogueIsTheAdministrators shows only an administrator adds a
// course to the catalogue or archives one, whatever route the call comes
// by: the registry refuses anyone else with nothing written.
func TestCatalogueIsTheAdministrators(t *testing.T) {
	t.Parallel()
	st := storetest.New(t, dialect.SQLite)
	ctx, actor := t.Context(), registry.System("test")
	f := registry.CourseFields{Code: "PFA", Title: "Paediatric first aid", ValidityMonths: 36}
	for _, role := range []user.Role{user.RoleManager, user.RoleSsw, user.RoleCarer} {
		if _, err := registry.CreateCourse(ctx, st.Client, actor, registry.Viewer{Role: role}, f); registry.ErrorCode(err) != registry.EFORBIDDEN {
			t.Errorf("%s adding a course: %v", role, err)
		}
	}
	if n := st.Client.Course.Query().CountX(ctx); n != 0 {
		t.Fatalf("%d courses written by people who may not", n)
	}
	admin := registry.Viewer{Role: user.RoleAdmin}
	k, err := registry.CreateCourse(ctx, st.Client, actor, admin, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := registry.ArchiveCourse(ctx, st.Client, actor, registry.Viewer{Role: user.RoleManager}, k.ID, k.Version); registry.ErrorCode(err) != registry.EFORBIDDEN {
		t.Errorf("a manager archiving a course: %v", err)
	}
	if err := registry.ArchiveCourse(ctx, st.Client, actor, admin, k.ID, k.Version); err != nil {
		t.Errorf("an administrator archiving a course: %v", err)
	}
}
