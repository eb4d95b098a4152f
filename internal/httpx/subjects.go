package httpx

import (
	"github.com/hearth-registry/hearth/internal/registry"
)

func CarerSubject(id int) registry.DBSSubject { return registry.DBSSubject{CarerID: &id} }

func MemberSubject(id int) registry.DBSSubject { return registry.DBSSubject{MemberID: &id} }
