// Preload: exposes the KioskApi (filled in by the Electron shell work).
