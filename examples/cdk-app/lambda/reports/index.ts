import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async () => {
  const body = JSON.stringify({ generatedAt: new Date().toISOString() });
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: `reports/${Date.now()}.json`, Body: body }));
  return { ok: true };
};
