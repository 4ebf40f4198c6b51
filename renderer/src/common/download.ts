// Hands a file to the browser's download (the web host, and Electron, which
// shows its own save dialog for downloads).
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves bytes that came over the host contract as base64 (exports, diagnostics) as a file. */
export function downloadBase64(fileName: string, base64: string, mediaType: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(fileName, new Blob([bytes], { type: mediaType }));
}
