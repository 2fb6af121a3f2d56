CLASSES = ["cbb", "cbsd", "cgm", "cmd", "healthy", "unknown"]
RARE = {"cbb", "cgm"}
