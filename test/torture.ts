/**
 * A generated issue of hard text for the line breaker (test data, not a real issue): URLs run
 * into Chinese, long words and digit runs, numbers with units, —— and ……, nested quotes, notes
 * after closing marks, Latin at line ends. Chinese filler of varying length moves each hard case
 * over every position of the line. Deterministic: the same seed writes the same issue.
 */
const FILLER = '科技创新是发展新质生产力的核心要素必须加强基础研究和原始创新推动产业链创新链深度融合完善人才评价机制';
const HARD = [
  '详见https://www.w3.org/TR/clreq/。据该文',
  '参见https://example.com/reports/2025/annual-review-of-science-and-technology-policy.pdf?lang=zh&page=12，其中',
  '网址https://example.com/a*x*b/c_y_d/均须原样印出',
  '英文长词Supercalifragilisticexpialidocious与internationalization并列',
  '格式PDF/A-2b和GPT-4为例',
  '一串数字123456789012345678901234567890123456789012345678901234567890，过长',
  '气温37℃，占比77%，能耗2.1L/kWh，时速300 km/h',
  '破折号——与省略号……',
  '「引号中有『书名』的情形」',
  '他说：“这是‘引号里的引号’。”',
  '据《中共中央关于制定规划的建议》。',
  'the quick brown fox jumps over the lazy dog',
  '见characterization（表征）',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The torture issue's files, by path inside a project folder (issues/1/…). */
export function tortureIssue(seed = 7, paragraphs = 40): Record<string, string> {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const filler = () => {
    const start = Math.floor(random() * FILLER.length);
    return (FILLER + FILLER).slice(start, start + 1 + Math.floor(random() * 30));
  };
  const notes: string[] = [];
  const body: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    let text = '';
    for (let k = 0; k < 3; k++) {
      text += filler() + pick(HARD);
      if (random() < 0.3) {
        notes.push(`[^n${notes.length + 1}]: 《第${notes.length + 1}号文献》，https://example.org/ref/${notes.length + 1}。`);
        text += `。”[^n${notes.length}]`;
      }
    }
    body.push(`${text}${filler()}。`);
  }
  const article = ['---', 'title: 排版压力测试', 'byline: 测试员', 'source: 生成的测试数据', '---', '', '# 一、难排的文字', '', ...body.flatMap((p) => [p, '']), ...notes.flatMap((n) => [n, ''])].join('\n');
  const manifest = ['template: xinxi-jijin', 'year: 2025', 'number: 1', 'total: 1', 'date: 2025-01-02', 'articles:', '  - torture.md', ''].join('\n');
  return { 'issues/1/issue.yaml': manifest, 'issues/1/torture.md': article };
}
