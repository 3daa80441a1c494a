/** Puts a file's bytes where Teams said after the user accepted a file consent card (one request, whole file). */
export type UploadFile = (uploadUrl: string, bytes: Buffer) => Promise<void>;

/** Teams' OneDrive upload session accepts the whole file in one PUT with a Content-Range header. */
export const uploadToConsentUrl: UploadFile = async (uploadUrl, bytes) => {
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Length': String(bytes.length), 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`upload answered ${response.status}`);
  await response.arrayBuffer();
};
