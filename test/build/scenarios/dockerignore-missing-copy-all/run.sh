echo "app files: $(ls /app)"
