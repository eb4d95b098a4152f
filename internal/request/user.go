package request

// User is the body of POST /api/v1/users.
type User struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Password string `json:"password"`
}
