/**
 * The four RAG ratings (docs/design/domain.md §2). Apart from rag.ts, which derives them, so an action can name the
 * rating a manual override sets without the action and its rules importing each other.
 */
export const RAGS = ['BLUE', 'GREEN', 'AMBER', 'RED'] as const;
export type Rag = (typeof RAGS)[number];
