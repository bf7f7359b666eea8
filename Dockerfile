# The Golden Thread API (and, once built, the web app it serves).
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md alembic.ini ./
COPY backend ./backend
COPY migrations ./migrations
RUN pip install --no-cache-dir -e .
RUN useradd --system --home /app goldenthread && chown -R goldenthread /app
USER goldenthread
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"
CMD ["goldenthread", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
