/**
 * Permission requests from web content: the kiosk needs none (speech synthesis needs no permission),
 * so every request and every check is denied — camera, microphone, geolocation, notifications, HID, USB,
 * serial, clipboard, fullscreen, pointer lock, MIDI, display capture, … Plain module, applied by lockdown-glue.ts.
 */
export function decidePermissionRequest(_permission: string, _requestingUrl?: string): false {
  return false;
}

export function decidePermissionCheck(_permission: string, _requestingOrigin?: string): false {
  return false;
}

/** `session.setDevicePermissionHandler`: no HID/USB/serial/Bluetooth device is ever granted to the page. */
export function decideDevicePermission(_deviceType: string): false {
  return false;
}
