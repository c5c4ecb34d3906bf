package main

import (
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// No Docker engine runs where the tests do: this checks docker-compose.yml
// describes the cluster README promises.
func TestComposeDescribesTheCluster(t *testing.T) {
	b, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	type service struct {
		Build       any               `yaml:"build"`
		Image       string            `yaml:"image"`
		Environment map[string]string `yaml:"environment"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		Ports []string `yaml:"ports"`
	}
	var compose struct {
		Services map[string]service `yaml:"services"`
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatal(err)
	}
	var instances []string
	for name, s := range compose.Services {
		if s.Build == nil {
			continue
		}
		instances = append(instances, name)
		for _, env := range []string{"DATABASE_URL", "REDIS_URL", "DEALERLINE_TRUSTED_PROXIES"} {
			if s.Environment[env] == "" {
				t.Errorf("%s: no %s", name, env)
			}
		}
		for _, dep := range []string{"postgres", "redis"} {
			if s.DependsOn[dep].Condition != "service_healthy" {
				t.Errorf("%s: does not wait for a healthy %s", name, dep)
			}
		}
		if s.Healthcheck == nil || !strings.Contains(strings.Join(s.Healthcheck.Test, " "), "/readyz") {
			t.Errorf("%s: no health check on /readyz", name)
		}
	}
	if len(instances) < 2 {
		t.Errorf("instances %q, want at least two", instances)
	}
	for _, name := range []string{"postgres", "redis"} {
		if s, ok := compose.Services[name]; !ok || s.Healthcheck == nil {
			t.Errorf("%s: missing, or without a health check", name)
		}
	}
	entry, ok := compose.Services["caddy"]
	if !ok || len(entry.Ports) == 0 {
		t.Fatal("no entry point publishing a port")
	}
	for _, name := range instances {
		if entry.DependsOn[name].Condition != "service_healthy" {
			t.Errorf("the entry point does not wait for a healthy %s", name)
		}
	}
	caddy, err := os.ReadFile("Caddyfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range instances {
		if !strings.Contains(string(caddy), name+":8080") {
			t.Errorf("Caddyfile does not proxy to %s", name)
		}
	}
}
