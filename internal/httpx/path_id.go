package httpx

import (
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/registry"
)

// PathID reads the :id of a route, naming it when it is not a record id.
func PathID(c fiber.Ctx) (int, error) {
	id, err := strconv.Atoi(c.Params("id"))
	if err != nil || id < 1 {
		return 0, &registry.Error{Code: registry.EINVALID, Message: "The id in the address must be a whole number.",
			Fields: map[string]string{"id": "id must be a whole number of 1 or more"}}
	}
	return id, nil
}
