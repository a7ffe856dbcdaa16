// Electron main process entry (filled in by the Electron shell work).
