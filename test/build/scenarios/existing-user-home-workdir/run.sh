echo "hello from $(id -un)"
