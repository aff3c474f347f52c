package api

import (
	"errors"
	"net/http"
	"strings"

	"zugong/internal/fault"
	"zugong/internal/gate"
)

// errorBody is the one shape of every failure:
//
//	{"error":{"code":"invalid","message":"…","fields":{"name":"…"},"request_id":"…"}}
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// WriteError implements gate.ErrorWriter: the status comes from gate.Status,
// the words from the catalog in the request's locale. Internal errors were
// logged by gate with the request id; the client sees a generic message that
// quotes that id, and nothing of the cause.
func (s *Server) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	if isTooLarge(err) {
		err = fault.Wrap(fault.TooLarge, "error.too_large", err)
	}
	loc := gate.Locale(r)
	id := gate.RequestID(r.Context())
	status := gate.Status(err)
	body := errorBody{Error: errorDetail{RequestID: id}}
	e, ok := fault.As(err)
	if !ok || e.Code == fault.Internal {
		body.Error.Code = string(fault.Internal)
		body.Error.Message = s.catalog.T(loc, "error.internal", id)
	} else {
		body.Error.Code = string(e.Code)
		body.Error.Message = s.catalog.T(loc, e.Key, e.Args...)
		if len(e.Fields) > 0 {
			body.Error.Fields = make(map[string]string, len(e.Fields))
			for name, fe := range e.Fields {
				body.Error.Fields[name] = s.catalog.T(loc, fe.Key, fe.Args...)
			}
		}
	}
	var me *methodError
	if errors.As(err, &me) {
		status = http.StatusMethodNotAllowed
		body.Error.Code = "method_not_allowed"
		w.Header().Set("Allow", strings.Join(me.allow, ", "))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="zugong"`)
	}
	if werr := writeJSON(w, status, body); werr != nil {
		gate.Logger(r.Context()).Error("write error response", "err", werr, "cause", err)
	}
}

func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe) && fault.CodeOf(err) == fault.Internal
}

// renameFields names the field problems of err as the request names its
// fields; any other error is returned as it is.
func renameFields(err error, names map[string]string) error {
	e, ok := fault.As(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	var f fault.Fields
	for name, fe := range e.Fields {
		if n, ok := names[name]; ok {
			name = n
		}
		f.Add(name, fe.Key, fe.Args...)
	}
	out := *e
	out.Fields = f
	return &out
}
