export { insertFile, deleteFile } from './repo.js';
export { sniffImageType } from './sniff.js';
export { classifyAttachment, storedFileName } from './attachments.js';
export { fileRoutes } from './routes.js';
export const fileUrl = (id: string) => `/files/${id}`;
export { readUpload } from './upload.js';
