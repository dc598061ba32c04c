/**
 * How the JS module embeds each decision's encoded table
 * (docs/bundle-format.md, "The JavaScript module"): smaller than the
 * bundle's encoding, and turned back into exactly that encoding when the
 * module is imported, before the walker sees it.
 *
 * Most of a large table is its index, and most of the index is node
 * numbers: absolute, they take up to six digits each. The module writes
 * each node's children as the distance back from the node (children come
 * before their parent, so distances are small and positive), a leaf's rows
 * as differences from the row before, and each row as its outcome's
 * difference from the previous row's outcome and its test count, leaving
 * out the position of its first test, which is the sum of the counts
 * before it. On the benchmark's `wide` program at 10,000 scenarios that
 * takes the module from 9.8 MB to about 8 MB.
 *
 * Invariant: `TABLE_DECODER_SOURCE`'s `$table(compactTable(t))` equals `t`
 * field for field for every encoded table the compiler writes (a test
 * checks it), so the module's walker walks the bundle's own encoding.
 */
import type { EncodedTable } from "@scn/runtime";

/** A table as the module embeds it. */
export interface CompactTable {
  readonly literals: EncodedTable["literals"];
  readonly tests: readonly number[];
  readonly lists: readonly number[];
  /** Two integers per row: its outcome minus the previous row's (the first row's minus 0), its test count. */
  readonly rows: readonly number[];
  readonly rowTests: readonly number[];
  /** The nodes, each child as its parent's number minus its own, each leaf's rows as differences. */
  readonly nodes: readonly number[];
  readonly root: number;
}

/** The compact form of an encoded table the compiler wrote (rows' tests laid out in order). */
export function compactTable(table: Omit<EncodedTable, "src">): CompactTable {
  const rows: number[] = [];
  let previousOutcome = 0;
  let first = 0;
  for (let at = 0; at < table.rows.length; at += 3) {
    const outcome = table.rows[at] as number;
    const count = table.rows[at + 2] as number;
    if (table.rows[at + 1] !== first) throw new Error(`internal: row ${at / 3}'s tests do not follow the rows before it`);
    rows.push(outcome - previousOutcome, count);
    previousOutcome = outcome;
    first += count;
  }
  const nodes = [...table.nodes];
  let id = 0;
  const relative = (position: number): void => {
    nodes[position] = id - (nodes[position] as number);
  };
  for (let at = 0; at < nodes.length; id++) {
    const kind = nodes[at] as number;
    if (kind === 0) {
      const count = nodes[at + 1] as number;
      for (let i = count - 1; i > 0; i--) nodes[at + 2 + i] = (nodes[at + 2 + i] as number) - (nodes[at + 1 + i] as number);
      at += 2 + count;
    } else if (kind === 1) {
      relative(at + 2);
      relative(at + 3);
      const cases = nodes[at + 4] as number;
      for (let i = 0; i < cases; i++) relative(at + 6 + 2 * i);
      at += 5 + 2 * cases;
    } else if (kind === 2) {
      relative(at + 2);
      const bounds = nodes[at + 3] as number;
      for (let i = 0; i < 2 * bounds + 1; i++) relative(at + 4 + bounds + i);
      at += 5 + 3 * bounds;
    } else if (kind === 3) {
      relative(at + 2);
      relative(at + 3);
      at += 4;
    } else {
      const parts = nodes[at + 1] as number;
      for (let i = 0; i < parts; i++) relative(at + 2 + i);
      at += 2 + parts;
    }
  }
  return { literals: table.literals, tests: table.tests, lists: table.lists, rows, rowTests: table.rowTests, nodes, root: table.root };
}

/**
 * `$table(t)`: the encoded table a compact table stands for, made in one
 * pass over its rows and one over its nodes (the nodes in place, since the
 * module parsed them for this alone). Written compactly, as the rest of the
 * module's fixed code.
 */
export const TABLE_DECODER_SOURCE = [
  "function $table(t){const compact=t.rows,rows=new Array(compact.length/2*3),nodes=t.nodes;",
  "for(let i=0,r=0,outcome=0,first=0;i<compact.length;i+=2,r+=3){outcome+=compact[i];rows[r]=outcome;rows[r+1]=first;rows[r+2]=compact[i+1];first+=compact[i+1];}",
  "for(let at=0,id=0;at<nodes.length;id++){const kind=nodes[at];",
  "if(kind===0){const n=nodes[at+1];for(let i=1;i<n;i++)nodes[at+2+i]+=nodes[at+1+i];at+=2+n;}",
  "else if(kind===1){nodes[at+2]=id-nodes[at+2];nodes[at+3]=id-nodes[at+3];const n=nodes[at+4];for(let i=0;i<n;i++)nodes[at+6+2*i]=id-nodes[at+6+2*i];at+=5+2*n;}",
  "else if(kind===2){nodes[at+2]=id-nodes[at+2];const k=nodes[at+3];for(let i=0;i<2*k+1;i++)nodes[at+4+k+i]=id-nodes[at+4+k+i];at+=5+3*k;}",
  "else if(kind===3){nodes[at+2]=id-nodes[at+2];nodes[at+3]=id-nodes[at+3];at+=4;}",
  "else{const n=nodes[at+1];for(let i=0;i<n;i++)nodes[at+2+i]=id-nodes[at+2+i];at+=2+n;}}",
  "return{literals:t.literals,tests:t.tests,lists:t.lists,rows,rowTests:t.rowTests,nodes,root:t.root};}",
].join("\n");
