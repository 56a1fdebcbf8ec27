# The team's base image: the proof builds it, serves it from a registry on loopback and lints the Dockerfile beside
# this one with --network, so its fixes read this config and history (user app, WORKDIR /srv/site, curl installed).
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /srv/site
USER app
