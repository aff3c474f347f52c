package api

import "net/http"

// openAPIDoc serves the embedded OpenAPI 3.1 document of this API.
func (s *Server) openAPIDoc(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	_, err := w.Write(s.openAPI)
	return err
}
