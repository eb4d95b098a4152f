package httpx

import (
	"time"

	"github.com/hearth-registry/hearth/internal/civil"
)

// Today is the calendar day in England now.
func Today() civil.Date { return civil.Today(time.Now()) }
