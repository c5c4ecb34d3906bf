package spreadsheet

import "testing"

func TestCSV(t *testing.T) {
	got := CSV([][]string{{"code", "name"}, {"S1", "南方商贸, \"South\""}})
	if want := "\ufeffcode,name\nS1,\"南方商贸, \"\"South\"\"\"\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "South": "South", "=1+1": "'=1+1", "+86 139": "'+86 139", "-5": "'-5",
		"@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
