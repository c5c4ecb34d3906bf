package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/auth"
)

// multipartAllowance is what a multipart request may carry besides its
// file: the operations and map parts, part headers and boundaries.
const multipartAllowance = 64 << 10

// multipartLimit bounds a multipart request: one file of the largest size
// that may be attached, one GraphQL request, and the form around them.
func (m *Main) multipartLimit() int64 {
	return m.Config.AttachmentMaxBytes + m.Config.MaxBodyBytes + multipartAllowance
}

// isMultipart says whether r is a multipart form (a file upload).
func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && strings.EqualFold(mt, "multipart/form-data")
}

// limitMultipart reads a multipart request of at most multipartLimit bytes
// and checks it is one GraphQL request with at most one file, by the
// multipart request spec (operations, then map, then the file), refusing
// it with INVALID_INPUT before gqlgen parses it (which would answer
// without a code). The operations part gets the checks of a JSON body.
//
// Multipart is a "simple" content type that any web page may post across
// origins; it carries no credentials here, since only a bearer token in
// the Authorization header signs a request in (never a cookie).
func (m *Main) limitMultipart(w http.ResponseWriter, r *http.Request, next http.Handler) {
	// Nobody uploads without signing in: a request without a token is not
	// read (whether the token is good is for authenticate).
	if auth.BearerToken(r.Header.Get("Authorization")) == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dealerline"`)
		writeError(w, http.StatusUnauthorized, apperr.Errorf(apperr.Unauthenticated, "sign in first: uploads need your token as Authorization: Bearer …"))
		return
	}
	limit := m.multipartLimit()
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "could not read the request body"))
		return
	}
	if int64(len(body)) > limit {
		writeError(w, http.StatusRequestEntityTooLarge, apperr.Invalid("file",
			"request body is larger than the limit of %d bytes: attach files of at most %d bytes", limit, m.Config.AttachmentMaxBytes).Because(attachments.TooLarge))
		return
	}
	if msg := multipartRefusal(body, r.Header.Get("Content-Type"), m.Config.MaxBodyBytes); msg != "" {
		writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.InvalidInput, "%s", msg))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	next.ServeHTTP(w, r)
}

// mapPath is where a file goes in the variables: variables.name, or an
// element of a list variable.
var mapPath = regexp.MustCompile(`^variables\.[_A-Za-z][_0-9A-Za-z]*(\.[0-9]{1,4})?$`)

// multipartRefusal says what is wrong with a multipart GraphQL request, or
// "" when nothing is: parts "operations" (one GraphQL request, as a JSON
// body), "map" (a JSON object from a part name to a list with one path
// into the variables) and at most one file, named in map, nothing else.
// maxOps bounds the operations part.
func multipartRefusal(body []byte, contentType string, maxOps int64) string {
	const shape = `send a multipart form with the parts "operations" (the GraphQL request), "map" (e.g. {"0": ["variables.file"]}) and the file, in that order`
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["boundary"] == "" {
		return "a multipart request needs a boundary in its Content-Type"
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	part := func() (*multipart.Part, []byte, string) {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, nil, ""
		}
		if err != nil {
			return nil, nil, "the multipart form cannot be read: " + shape
		}
		data, err := io.ReadAll(io.LimitReader(p, maxOps+1))
		if err != nil {
			return nil, nil, "the multipart form cannot be read: " + shape
		}
		return p, data, ""
	}

	p, ops, msg := part()
	if msg != "" {
		return msg
	}
	if p == nil || p.FormName() != "operations" || p.FileName() != "" {
		return `the first part must be "operations": ` + shape
	}
	if int64(len(ops)) > maxOps {
		return "the operations part is larger than the limit of a request body"
	}
	if !json.Valid(ops) {
		return "the operations part is not valid JSON"
	}
	if !utf8.Valid(ops) {
		return "the operations part is not valid UTF-8 text"
	}
	if msg := requestShape(ops); msg != "" {
		return "operations: " + msg
	}
	var req struct {
		Variables map[string]json.RawMessage `json:"variables"`
	}
	json.Unmarshal(ops, &req)

	p, mapped, msg := part()
	if msg != "" {
		return msg
	}
	if p == nil || p.FormName() != "map" || p.FileName() != "" {
		return `the second part must be "map": ` + shape
	}
	var files map[string][]string
	if json.Unmarshal(mapped, &files) != nil || !utf8.Valid(mapped) {
		return `map must be a JSON object from a part's name to a list of paths, e.g. {"0": ["variables.file"]}`
	}
	if len(files) > 1 {
		return "send one file per request"
	}
	for _, paths := range files {
		if len(paths) != 1 || !mapPath.MatchString(paths[0]) {
			return `map must name one path into the variables for the file, e.g. {"0": ["variables.file"]}`
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(paths[0], "variables."), ".")
		if _, ok := req.Variables[name]; !ok {
			return "map names the variable " + name + ", which operations' variables do not have (give it as null)"
		}
	}

	seen := 0
	for {
		p, _, msg := part()
		if msg != "" {
			return msg
		}
		if p == nil {
			break
		}
		if _, ok := files[p.FormName()]; !ok || p.FileName() == "" || seen > 0 {
			return "the part " + p.FormName() + " is not a file named in map: " + shape
		}
		seen++
	}
	if seen != len(files) {
		return "map names a file the request does not carry"
	}
	return ""
}
