export * from './vietnamese-tokenizer';
export * from './vietnamese-stopwords';
