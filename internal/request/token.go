package request

import "time"

// Token is the body of POST /api/v1/tokens.
type Token struct {
	Name      string     `json:"name"`
	Role      string     `json:"role"`
	ExpiresAt *time.Time `json:"expires_at"`
}
