package auth

import (
	"fmt"
	"strings"
	"testing"
)

func TestPassword_RoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		password string
	}{
		{"ascii", "correct horse battery staple"},
		{"short", "demo"},
		{"empty", ""},
		{"unicode", "пароль-密码-🔑"},
		{"with dollar signs", "$argon2id$v=19$"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hash, err := HashPassword(tt.password)
			if err != nil {
				t.Fatalf("HashPassword: %v", err)
			}
			if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
				t.Errorf("hash = %q, want the argon2id PHC format with the configured parameters", hash)
			}
			got, err := CheckPassword(hash, tt.password)
			if err != nil {
				t.Fatalf("CheckPassword: %v", err)
			}
			if want := true; got != want {
				t.Errorf("CheckPassword(hash, %q) = %v, want %v", tt.password, got, want)
			}
		})
	}
}

func TestPassword_WrongPasswordIsFalse(t *testing.T) {
	hash, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		password string
	}{
		{"different", "battery staple"},
		{"case differs", "Correct horse"},
		{"trailing space", "correct horse "},
		{"prefix", "correct"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckPassword(hash, tt.password)
			if err != nil {
				t.Fatalf("CheckPassword: %v", err)
			}
			if want := false; got != want {
				t.Errorf("CheckPassword(hash, %q) = %v, want %v", tt.password, got, want)
			}
		})
	}
}

func TestPassword_HashesAreSalted(t *testing.T) {
	a, err := HashPassword("same password")
	if err != nil {
		t.Fatal(err)
	}
	b, err := HashPassword("same password")
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Errorf("two hashes of one password are equal (%q): the salt is not random", a)
	}
	salt := func(h string) string { return strings.Split(h, "$")[4] }
	if salt(a) == salt(b) {
		t.Errorf("two hashes share the salt %q", salt(a))
	}
	for _, h := range []string{a, b} {
		got, err := CheckPassword(h, "same password")
		if err != nil || !got {
			t.Errorf("CheckPassword(%q) = %v, %v; want true, nil", h, got, err)
		}
	}
}

// checkNoPanic runs CheckPassword, turning a panic into an error so that
// one malformed hash fails its own case rather than the whole test binary.
func checkNoPanic(hash, password string) (ok bool, err error, panicked any) {
	defer func() {
		if p := recover(); p != nil {
			panicked = p
		}
	}()
	ok, err = CheckPassword(hash, password)
	return ok, err, nil
}

func TestPassword_MalformedHashIsAnError(t *testing.T) {
	good, err := HashPassword("pw")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$") // "", "argon2id", "v=19", "m=…,t=…,p=…", salt, key
	with := func(i int, s string) string {
		p := append([]string(nil), parts...)
		p[i] = s
		return strings.Join(p, "$")
	}
	tests := []struct {
		name string
		hash string
	}{
		{"empty", ""},
		{"not PHC", "plaintext"},
		{"wrong prefix argon2i", with(1, "argon2i")},
		{"wrong prefix bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"missing leading dollar", strings.TrimPrefix(good, "$")},
		{"too few fields", strings.Join(parts[:5], "$")},
		{"too many fields", good + "$extra"},
		{"wrong version", with(2, "v=16")},
		{"version not a number", with(2, "v=x")},
		{"version missing", with(2, "")},
		{"parameters not numbers", with(3, "m=a,t=b,p=c")},
		{"parameters missing", with(3, "")},
		{"parallelism out of range", with(3, "m=19456,t=2,p=256")},
		{"bad base64 salt", with(4, "!!not base64!!")},
		{"bad base64 key", with(5, "!!not base64!!")},
		{"padded base64 key", with(5, parts[5]+"=")},
		// argon2.IDKey panics on zero rounds or zero parallelism.
		{"zero time", with(3, "m=19456,t=0,p=1")},
		{"zero parallelism", with(3, "m=19456,t=2,p=0")},
		// A truncated hash with no key (argon2 cannot derive a 0-byte key;
		// and an empty key must never compare equal to anything).
		{"empty key", with(5, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err, panicked := checkNoPanic(tt.hash, "pw")
			if panicked != nil {
				t.Fatalf("CheckPassword(%q) panicked: %v; want an error", tt.hash, panicked)
			}
			if err == nil {
				t.Errorf("CheckPassword(%q) = %v, nil; want an error", tt.hash, got)
			}
			if want := false; got != want {
				t.Errorf("CheckPassword(%q) ok = %v, want %v", tt.hash, got, want)
			}
		})
	}
}

func TestPassword_ParametersTravelWithTheHash(t *testing.T) {
	// A hash made with other parameters (as after raising them) still checks.
	hash, err := HashPassword("pw")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(hash, "$")
	// Re-derive with other parameters by hand and check both outcomes.
	tests := []struct {
		name     string
		params   string
		password string
		want     bool
	}{
		{"same parameters", fmt.Sprintf("m=%d,t=%d,p=%d", argonMemory, argonTime, argonThreads), "pw", true},
		{"other memory gives another key", fmt.Sprintf("m=%d,t=%d,p=%d", argonMemory/2, argonTime, argonThreads), "pw", false},
		{"other time gives another key", fmt.Sprintf("m=%d,t=%d,p=%d", argonMemory, argonTime+1, argonThreads), "pw", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := append([]string(nil), parts...)
			p[3] = tt.params
			got, err := CheckPassword(strings.Join(p, "$"), tt.password)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("CheckPassword with %s = %v, want %v", tt.params, got, tt.want)
			}
		})
	}
}
