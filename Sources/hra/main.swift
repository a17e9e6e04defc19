import HRA
print("hra")
