package request

// User is the body of POST /api/v1/users.
type User struct {
	Email    string `json:"email" plain:"their email address"`
	Name     string `json:"name" plain:"their full name"`
	Role     string `json:"role" plain:"their role"`
	Password string `json:"password" plain:"their password"`
}
