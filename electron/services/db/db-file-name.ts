/** The kiosk's database file in its data directory (own module: the browser host needs the name before it loads the compose graph). */
export const DB_FILE_NAME = 'kiosk.sqlite';
