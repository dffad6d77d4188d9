FROM \
    node:18 \
    AS build
RUN apt-get update && \
# a comment inside a continuation does not end it
    apt-get install -y git \

    && rm -rf /var/lib/apt/lists/*  \
FROM this-is-still-the-run-line
FROM --platform=linux/amd64 \
  nginx:1.25
