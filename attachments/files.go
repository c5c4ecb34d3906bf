// Package attachments keeps files attached as evidence to tickets and their
// replies, interactions, market reports, conflict cases and comments,
// returns, agreements and fund claims: what may be attached (the type read
// from the bytes, never from the name), how large, the thumbnails of
// images, who may delete one, and erasing a user's uploads.
//
// Files live in the database (bytea in PostgreSQL, a BLOB in SQLite), so a
// cluster needs no shared disk or object store. An attachment's bytes are a
// row of their own (AttachmentContent), read only when a file is served.
package attachments

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
	"golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"github.com/dealerline/dealerline/apperr"
)

// Limits.
const (
	// DefaultMaxBytes is the largest file by default (--attachment-max-bytes).
	DefaultMaxBytes = 10 << 20
	// PerParentFiles: the files of one parent together hold at most this
	// many times the largest file.
	PerParentFiles = 10
	// MaxFileName is the longest file name kept, in runes.
	MaxFileName = 255
	// MaxPixels bounds an image's decoded size (width × height), checked
	// from its header before decoding: a small file may declare a huge
	// image (a decompression bomb).
	MaxPixels = 40_000_000
	// ThumbnailSize is the longest side of a thumbnail, in pixels.
	ThumbnailSize = 320
)

// Why a file was refused: extensions.reason of its INVALID_INPUT on "file",
// for clients that word the refusal themselves.
const (
	Empty      = "EMPTY"      // no bytes
	Type       = "TYPE"       // not a type that may be attached
	Encoding   = "ENCODING"   // a text file that is not UTF-8
	Unreadable = "UNREADABLE" // an image that cannot be decoded, a body that cannot be read
	Pixels     = "PIXELS"     // an image over MaxPixels
	TooLarge   = "TOO_LARGE"  // a file over the limit per file
	Full       = "FULL"       // the parent's files would pass the limit per parent
)

// allowed are the types that may be attached, as mimetype names them:
// photos, PDF, office documents (OOXML, the older OLE formats, OpenDocument)
// and text.
var allowed = map[string]bool{
	"image/jpeg":      true,
	"image/png":       true,
	"image/gif":       true,
	"image/webp":      true,
	"application/pdf": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
	"application/msword":                             true,
	"application/vnd.ms-excel":                       true,
	"application/vnd.ms-powerpoint":                  true,
	"application/vnd.oasis.opendocument.text":        true,
	"application/vnd.oasis.opendocument.spreadsheet": true,
	"text/csv":   true,
	"text/plain": true,
}

// Sniff returns the content type of data, read from its bytes, or
// INVALID_INPUT on field "file" when it is not a type that may be attached.
//
// github.com/gabriel-vasile/mimetype rather than net/http's sniffer: that
// one answers application/zip for every OOXML and OpenDocument file and
// application/octet-stream for the OLE formats; mimetype looks inside the
// containers.
func Sniff(data []byte) (string, error) {
	if len(data) == 0 {
		return "", apperr.Invalid("file", "the file is empty").Because(Empty)
	}
	m := mimetype.Detect(data)
	base, _, _ := strings.Cut(m.String(), ";")
	if !allowed[base] {
		// Not its parents: text/html's parent is text/plain.
		return "", apperr.Invalid("file", "files of type %s cannot be attached: attach a photo (JPEG, PNG, GIF, WebP), a PDF, an office document or a text or CSV file", base).Because(Type)
	}
	if base == "text/plain" || base == "text/csv" {
		if !utf8.Valid(data) {
			return "", apperr.Invalid("file", "a text file must be UTF-8").Because(Encoding)
		}
		return base + "; charset=utf-8", nil
	}
	return base, nil
}

// IsImage says whether files of contentType are shown inline and get a
// thumbnail.
func IsImage(contentType string) bool {
	switch contentType {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
		return true
	}
	return false
}

// FileName is name as kept: its last path element (either separator), on
// one line, without control characters, at most MaxFileName runes (the
// extension kept); "file" when nothing is left.
func FileName(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		if unicode.Is(unicode.Cf, r) { // bidi overrides hide an extension
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		name = ""
	}
	if utf8.RuneCountInString(name) > MaxFileName {
		ext := path.Ext(name)
		if utf8.RuneCountInString(ext) > 16 {
			ext = ""
		}
		r := []rune(strings.TrimSuffix(name, ext))
		name = strings.TrimSpace(string(r[:MaxFileName-utf8.RuneCountInString(ext)])) + ext
	}
	if name == "" {
		return "file"
	}
	return name
}

// Thumbnail returns a JPEG of at most ThumbnailSize pixels a side of the
// image data of contentType, or INVALID_INPUT on "file" when it cannot be
// read or declares more than MaxPixels.
func Thumbnail(data []byte, contentType string) ([]byte, error) {
	decodeConfig, decode := codec(contentType)
	if decode == nil {
		return nil, fmt.Errorf("attachments: %s is not an image", contentType)
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, apperr.Invalid("file", "the image cannot be read").Because(Unreadable)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, apperr.Invalid("file", "the image is %d × %d pixels: at most %d megapixels may be attached", cfg.Width, cfg.Height, MaxPixels/1_000_000).Because(Pixels)
	}
	src, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, apperr.Invalid("file", "the image cannot be read").Because(Unreadable)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 || int64(w)*int64(h) > MaxPixels {
		return nil, apperr.Invalid("file", "the image cannot be read").Because(Unreadable)
	}
	tw, th := w, h
	if w > ThumbnailSize || h > ThumbnailSize {
		if w >= h {
			tw, th = ThumbnailSize, max(1, h*ThumbnailSize/w)
		} else {
			tw, th = max(1, w*ThumbnailSize/h), ThumbnailSize
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	// JPEG has no transparency: what is transparent shows white.
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func codec(contentType string) (func(*bytes.Reader) (image.Config, error), func(*bytes.Reader) (image.Image, error)) {
	switch contentType {
	case "image/jpeg":
		return func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) },
			func(r *bytes.Reader) (image.Image, error) { return jpeg.Decode(r) }
	case "image/png":
		return func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) },
			func(r *bytes.Reader) (image.Image, error) { return png.Decode(r) }
	case "image/gif":
		return func(r *bytes.Reader) (image.Config, error) { return gif.DecodeConfig(r) },
			func(r *bytes.Reader) (image.Image, error) { return gif.Decode(r) }
	case "image/webp":
		return func(r *bytes.Reader) (image.Config, error) { return webp.DecodeConfig(r) },
			func(r *bytes.Reader) (image.Image, error) { return webp.Decode(r) }
	}
	return nil, nil
}

// ContentDisposition is the Content-Disposition of a file: inline for an
// image, else a download, with the name in RFC 5987 encoding.
func ContentDisposition(contentType, name string) string {
	kind := "attachment"
	if IsImage(contentType) {
		kind = "inline"
	}
	return kind + "; filename*=UTF-8''" + encodeRFC5987(name)
}

func encodeRFC5987(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$&+-.^_`|~", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
