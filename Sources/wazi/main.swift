import WaziKit
print(Wazi.version)
