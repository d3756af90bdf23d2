/** A fenced code block of a Markdown text: its language, the line its code starts on (1-based), its code. */
export interface FencedBlock {
  lang: string;
  line: number;
  code: string;
}

/** Splits a Markdown text into its fenced code blocks and the prose around them. */
export function splitMarkdown(markdown: string): { blocks: FencedBlock[]; prose: string } {
  const blocks: FencedBlock[] = [];
  const prose: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)$/.exec(lines[i]!);
    if (!fence) {
      prose.push(lines[i]!);
      continue;
    }
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== "```") i++;
    blocks.push({ lang: fence[1]!, line: start + 1, code: lines.slice(start, i + 1).join("\n") });
    i++;
  }
  return { blocks, prose: prose.join("\n") };
}
