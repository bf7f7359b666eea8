# The Golden Thread API, serving the web app it was built with.

# Build the web app.
FROM node:20-slim AS web
WORKDIR /build
COPY openapi ./openapi
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN cd frontend && npm run build

# The API, with the built app in frontend/dist where it looks for it.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md alembic.ini ./
COPY backend ./backend
COPY migrations ./migrations
RUN pip install --no-cache-dir -e .
COPY --from=web /build/frontend/dist ./frontend/dist
RUN useradd --system --home /app goldenthread && chown -R goldenthread /app
USER goldenthread
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"
CMD ["goldenthread", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
