package attachments

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/apperr"
)

// zipped is a zip of the named files, in order; the first stored.
func zipped(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i, f := range files {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store
		}
		fw, err := w.CreateHeader(&zip.FileHeader{Name: f[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(f[1]))
	}
	w.Close()
	return b.Bytes()
}

func encoded(t *testing.T, encode func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 500, 100))
	for x := range 500 {
		img.Set(x, 50, color.RGBA{255, 0, 0, 255})
	}
	var b bytes.Buffer
	if err := encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniff(t *testing.T) {
	ct := `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`
	pngData := encoded(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) })
	for _, c := range []struct {
		name string
		data []byte
		want string // "" refused
	}{
		{"png", pngData, "image/png"},
		{"jpeg", encoded(t, func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, nil) }), "image/jpeg"},
		{"gif", encoded(t, func(b *bytes.Buffer, i image.Image) error { return gif.Encode(b, i, nil) }), "image/gif"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "application/pdf"},
		{"docx", zipped(t, [2]string{"[Content_Types].xml", ct}, [2]string{"word/document.xml", "<w:document/>"}), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"xlsx", zipped(t, [2]string{"[Content_Types].xml", ct}, [2]string{"xl/workbook.xml", "<workbook/>"}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"pptx", zipped(t, [2]string{"[Content_Types].xml", ct}, [2]string{"ppt/presentation.xml", "<p/>"}), "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
		{"odt", zipped(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", "<x/>"}), "application/vnd.oasis.opendocument.text"},
		{"ods", zipped(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, [2]string{"content.xml", "<x/>"}), "application/vnd.oasis.opendocument.spreadsheet"},
		{"csv", []byte("sku,qty,price\nA-1,2,3.50\nB-2,1,9.00\n"), "text/csv; charset=utf-8"},
		{"text", []byte("The carton was crushed on arrival.\n纸箱破损。\n"), "text/plain; charset=utf-8"},
		{"a plain zip", zipped(t, [2]string{"a.txt", "x"}), ""},
		{"an executable", append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 100)...), ""},
		{"an ELF", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 100)...), ""},
		{"HTML", []byte("<html><body><script>alert(1)</script></body></html>"), ""},
		{"SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		{"a shell script", []byte("#!/bin/sh\nrm -rf /\n"), ""},
		{"Latin-1 text", []byte("caf\xe9 cr\xe8me\n"), ""},
		{"empty", nil, ""},
	} {
		got, err := Sniff(c.data)
		if c.want == "" {
			if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "file" {
				t.Errorf("%s: %q, %v; want INVALID_INPUT on file", c.name, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

func TestFileName(t *testing.T) {
	long := strings.Repeat("长", 300) + ".pdf"
	for in, want := range map[string]string{
		"photo.jpg":                 "photo.jpg",
		`C:\Users\li\Desktop\a.png`: "a.png",
		"../../etc/passwd":          "passwd",
		"line\none.pdf":             "line one.pdf",
		"  spaced  ":                "spaced",
		"invoice\u202egpj.exe":      "invoicegpj.exe",
		"":                          "file",
		"dir/":                      "file",
		"..":                        "file",
		"bad\xffbyte.txt":           "bad\uFFFDbyte.txt",
		long:                        strings.Repeat("长", 251) + ".pdf",
	} {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestThumbnail(t *testing.T) {
	data := encoded(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) })
	thumb, err := Thumbnail(data, "image/png")
	if err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(thumb))
	if err != nil || format != "jpeg" || cfg.Width != 320 || cfg.Height != 64 {
		t.Fatalf("thumbnail %s %dx%d, %v", format, cfg.Width, cfg.Height, err)
	}

	// A PNG whose header declares 100,000 × 100,000 pixels is refused from
	// its header, before anything is decoded.
	bomb := bytes.Clone(data)
	ihdr := bomb[8+8 : 8+8+13]
	binary.BigEndian.PutUint32(ihdr[0:4], 100_000)
	binary.BigEndian.PutUint32(ihdr[4:8], 100_000)
	binary.BigEndian.PutUint32(bomb[8+8+13:], crc32.ChecksumIEEE(bomb[8+4:8+8+13]))
	if _, err := Thumbnail(bomb, "image/png"); apperr.CodeOf(err) != apperr.InvalidInput || !strings.Contains(err.Error(), "megapixels") || reason(err) != Pixels {
		t.Errorf("a bomb: %v", err)
	}
	if _, err := Thumbnail(data[:60], "image/png"); apperr.CodeOf(err) != apperr.InvalidInput || reason(err) != Unreadable {
		t.Errorf("a cut PNG: %v", err)
	}
}

func TestContentDisposition(t *testing.T) {
	if got := ContentDisposition("application/pdf", `报价 "final";.pdf`); got != `attachment; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%20%22final%22%3B.pdf` {
		t.Errorf("got %s", got)
	}
	if got := ContentDisposition("image/png", "a b.png"); got != "inline; filename*=UTF-8''a%20b.png" {
		t.Errorf("got %s", got)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{512: "512 B", 1536: "1.5 KB", 10 << 20: "10 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %s", n, got)
		}
	}
}

func reason(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Reason
	}
	return ""
}
