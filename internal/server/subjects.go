package server

import (
	"github.com/hearth-registry/hearth/internal/registry"
)

func carerSubject(id int) registry.DBSSubject { return registry.DBSSubject{CarerID: &id} }

func memberSubject(id int) registry.DBSSubject { return registry.DBSSubject{MemberID: &id} }
