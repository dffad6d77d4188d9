FROM alpine:3.19 AS base
RUN <<EOF
FROM evil:1
echo "this FROM is shell text"
EOF
COPY <<-EOT /etc/motd
	FROM evil:2
	EOT
RUN cat <<'QUOTED' > /script.sh && chmod +x /script.sh
FROM evil:3
QUOTED
RUN <<ONE <<TWO
FROM evil:4
ONE
FROM evil:5
TWO
RUN ["sh", "-c", "echo <<NOT_A_HEREDOC"]
FROM base
