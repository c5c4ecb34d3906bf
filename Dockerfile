# Dealerline: one static binary (the portal bundle is embedded), run as a
# non-root user. Built by docker-compose.yml for the cluster.
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dealerline .

# Alpine rather than scratch: the health check needs wget, and the time
# zone database serves --timezone.
FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata \
	&& adduser -D -H -u 10001 dealerline \
	&& mkdir /data && chown dealerline /data
COPY --from=build /out/dealerline /usr/local/bin/dealerline
USER dealerline
ENV DEALERLINE_ADDR=:8080 DEALERLINE_DATA=/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD wget -qO- http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["dealerline"]
