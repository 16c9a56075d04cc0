export { insertFile, deleteFile } from './repo.js';
export { sniffImageType } from './sniff.js';
export { fileRoutes } from './routes.js';
export const fileUrl = (id: string) => `/files/${id}`;
