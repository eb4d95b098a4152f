package auth

import "github.com/hearth-registry/hearth/ent/user"

// PanelReaders may read panels and their agendas: staff every panel, a
// panel member the panels they sit on (the registry decides which).
var PanelReaders = Policy{Name: "panel readers", Roles: []user.Role{user.RoleAdmin, user.RoleManager,
	user.RoleSsw, user.RoleReviewingOfficer, user.RoleAdm, user.RolePanelMember}}
