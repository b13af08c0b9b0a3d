# One image for the portal and the media node. The same bootstrap as `npm start` installs the
# Debian packages, builds the mediasoup worker from the npm tarball and builds the portal.
FROM node:20-bookworm
WORKDIR /app
ENV YANGGUANG_CACHE_DIR=/opt/yangguang-cache
COPY . .
RUN node scripts/bootstrap.mjs
EXPOSE 3000
CMD ["node", "scripts/start.mjs"]
