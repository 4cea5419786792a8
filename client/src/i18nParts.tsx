/**
 * A translated sentence with elements inside it ("Signed in as <b>Ana</b>"): the catalogue keeps
 * the whole sentence (word order differs per language), the elements go where their placeholders
 * stand. Unlike <Trans>, a value is never parsed as markup: a name with "<b>" in it stays text.
 */
import { Fragment, type ReactNode } from 'react';

const mark = (name: string) => `\u2063${name}\u2063`;

/** `translate` gets a sentinel per element name; the sentence is then split around them. */
export function withElements<K extends string>(translate: (values: Record<K, string>) => string, elements: Record<K, ReactNode>): ReactNode {
  const values = Object.fromEntries(Object.keys(elements).map((k) => [k, mark(k)])) as Record<K, string>;
  const parts = translate(values).split('\u2063');
  // Odd parts are element names (between two sentinels), even parts plain text.
  return parts.map((part, i) => <Fragment key={i}>{i % 2 === 1 && part in elements ? elements[part as K] : part}</Fragment>);
}

/** A time of day ("14:05", "2:05 PM") in the reader's language. */
export function formatTime(at: number, language: string): string {
  return new Date(at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
}
