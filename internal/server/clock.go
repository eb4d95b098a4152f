package server

import (
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
)

// today is the calendar day in England now.
func today() civil.Date { return civil.Today(time.Now()) }
