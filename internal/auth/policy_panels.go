package auth

import (
	"github.com/hearth-registry/hearth/ent/user"
	"github.com/hearth-registry/hearth/internal/registry"
)

// PanelReaders may read panels and their agendas: staff every panel, a
// panel member the panels they sit on (the registry decides which).
var PanelReaders = Policy{Name: "panel readers", Roles: append(registry.StaffRoles(), user.RolePanelMember)}

// PackReaders may download review packs: staff those of the households
// they see, a panel member those on the agenda of their panels (the
// registry decides which). Carers never: a pack holds what others said.
var PackReaders = Policy{Name: "pack readers", Roles: PanelReaders.Roles}

// Deciders record review decisions: the agency decision maker, and
// administrators.
var Deciders = Policy{Name: "decision makers", Roles: []user.Role{user.RoleAdmin, user.RoleAdm}}
