package request

import "time"

// Token is the body of POST /api/v1/tokens.
type Token struct {
	Name      string     `json:"name" plain:"the token's name"`
	Role      string     `json:"role" plain:"the token's role"`
	ExpiresAt *time.Time `json:"expires_at" plain:"when the token expires"`
}
