// Ring-specific complaint templates: each ring composes its own wording from a grammar, so rings do not share one text.
import type { Rng } from './rng.js';
import { disguiseText, drawDisguise } from './text-disguise.js';
import { fillSlots, type TextSlots } from './texts.js';

/**
 * A template is a sequence of segments; each segment offers several wordings of the same point. A ring picks
 * one wording per segment once (its template); a member's filing then rewords a segment with the ring's
 * drift probability (`[a|b]` inside a wording is a smaller rewording point, like texts.ts). Two rings of one
 * trade share a segment's wording by chance only (1 in 4–5), so their texts stay far apart while one ring's
 * copies stay near-duplicates.
 */
type Segment = readonly string[];

const GRAMMAR: Record<'complaint_mill' | 'surrender_agent' | 'loan_mediation' | 'credit_repair', Segment[]> =
  {
    complaint_mill: [
      [
        '[本人|我]{name}，[身份证尾号|证件尾号]{idTail}，',
        '投诉人：{name}（身份证后四位{idTail}）。',
        '尊敬的监管领导：我叫{name}，',
        '您好，我是{inst}的客户{name}，',
        '致{inst}消费者权益保护部门：本人{name}，',
      ],
      [
        '于{date}发现{inst}[在未经本人同意的情况下|未经授权]扣收各项费用合计{amount}元，',
        '{date}查询账单时看到尾号{cardTail}的账户被划走{amount}元所谓服务费，',
        '在{inst}办理借款期间被强制捆绑购买会员权益，共被收取{amount}元，',
        '自{date}起{inst}以担保费、咨询费名义累计收取我{amount}元，',
        '近期核对流水，发现{inst}重复收取年费及手续费共{amount}元，',
      ],
      [
        '[上述|该]收费事先没有任何告知，合同中也找不到约定，',
        '该项收费从未经过我本人确认，属于典型的霸王条款，',
        '客服以系统自动扣费为由推诿，拒不提供收费依据，',
        '我多次拨打客服电话均被敷衍，至今没有任何书面解释，',
      ],
      [
        '已严重侵犯我作为金融消费者的知情权和自主选择权。',
        '违反了《消费者权益保护法》关于公平交易的规定。',
        '明显违背了监管部门关于减费让利的要求。',
        '这种变相高息的做法损害了我的合法权益。',
        '其行为已涉嫌违规经营。',
      ],
      [
        '现[郑重|正式]要求：全额退还违规收取的{amount}元并赔偿利息损失；',
        '我的诉求是：一、退回全部费用{amount}元；二、停止违规收费；',
        '请贵机构在十五日内将{amount}元原路退回，并出具书面说明；',
        '要求立即退还{amount}元，删除因此产生的不良记录；',
      ],
      [
        '如逾期不处理，本人将[向金融监管总局|向人民银行]投诉并向媒体曝光。',
        '否则我将通过12378热线和法律途径继续维权。',
        '若得不到妥善解决，将保留向法院起诉的权利。',
        '请监管部门督促其依法整改，维护消费者合法权益。',
        '望尽快处理，谢谢！',
      ],
    ],
    surrender_agent: [
      [
        '[本人|我]{name}，于{date}在{inst}投保，',
        '投诉人{name}（证件尾号{idTail}）反映：{date}经业务员介绍购买了{inst}的保险，',
        '我叫{name}，当年在银行网点被推销了{inst}的产品，',
        '您好，本人{name}是{inst}的投保人，',
      ],
      [
        '业务员声称该产品是[存款|理财]，保本保息随时可取，',
        '销售人员隐瞒了产品的退保损失和缴费年限，',
        '投保时既没有双录也没有讲解免责条款，',
        '投保单上的签名并非本人所签，属于代签，',
      ],
      [
        '直到最近急需用钱才发现只能退回很少的现金价值。',
        '我年事已高，根本不清楚自己买的是长期分红险。',
        '后来才知道被骗买了十年期缴的产品。',
        '这完全是销售误导，侵害了我的知情权。',
      ],
      [
        '现要求{inst}全额退还已交保费{amount}元。',
        '申请撤销保险合同，退还全部保费{amount}元。',
        '要求按已交保费{amount}元全额退保，不接受扣除任何费用。',
        '请监管部门责令{inst}退还我{amount}元保费。',
      ],
      ['否则将向金融监管总局[投诉|举报]。', '如不处理我将诉诸法律。', '请尽快给予答复。', '盼早日解决。'],
    ],
    loan_mediation: [
      [
        '[本人|我]{name}，身份证后四位{idTail}，',
        '申请人：{name}，',
        '尊敬的{inst}领导：我是借款人{name}，',
        '您好，我叫{name}，在{inst}有一笔借款，',
      ],
      [
        '因[经营困难|生意失败]导致收入锐减，',
        '由于突发疾病长期住院，失去收入来源，',
        '受大环境影响失业至今，家庭陷入困境，',
        '家中老人重病，积蓄已全部用完，',
      ],
      [
        '目前无力偿还{inst}的欠款本金{amount}元。',
        '名下{inst}借款{amount}元已无法按期归还。',
        '现在每月的还款压力远超我的承受能力，剩余本金{amount}元。',
        '尾号{cardTail}账户的欠款{amount}元已经逾期。',
      ],
      [
        '根据《商业银行信用卡业务监督管理办法》第七十条，申请停息挂账，',
        '依据相关监管规定，特申请个性化分期还款，',
        '恳请贵司本着人性化原则减免全部罚息和违约金，',
        '希望能协商分60期偿还本金，停止计收利息，',
      ],
      [
        '并停止一切催收行为。',
        '请在收到申请后七个工作日内答复。',
        '本人愿意积极还款，绝不逃避债务。',
        '附困难证明材料，望批准。',
      ],
    ],
    credit_repair: [
      [
        '[本人|我]{name}，证件号后四位{idTail}，',
        '异议人：{name}，',
        '尊敬的征信中心：我是{name}，',
        '您好，本人{name}对征信报告有异议，',
      ],
      [
        '对{inst}报送的逾期记录提出异议：',
        '发现{inst}在我的征信报告上报送了一条不良记录，',
        '{date}查询征信时看到{inst}上报了逾期信息，',
        '{inst}未经我授权查询并报送了我的信用信息，',
      ],
      [
        '该逾期系[疫情|系统扣款失败]所致，并非本人主观恶意。',
        '当时因银行系统故障导致还款失败，责任不在本人。',
        '逾期发生时{inst}从未通知我，剥夺了我的补救机会。',
        '这笔记录与事实不符，我从未办理过该业务。',
      ],
      [
        '依据《征信业管理条例》第二十五条，',
        '根据征信异议处理的相关规定，',
        '按照个人信用信息保护的要求，',
        '参照人民银行关于征信修复的政策，',
      ],
      [
        '要求{inst}立即删除该不良记录。',
        '申请撤销上述逾期记录并恢复我的信用。',
        '请在二十日内更正并书面回复。',
        '要求更正记录并赔偿因此造成的贷款被拒损失。',
      ],
    ],
  };

export type TemplateTypology = keyof typeof GRAMMAR;

export interface RingTemplate {
  typology: TemplateTypology;
  /** The wording the ring picked for each segment. */
  picks: number[];
}

/** The ring's own template: one wording per segment. */
export function composeRingTemplate(rng: Rng, typology: TemplateTypology): RingTemplate {
  return { typology, picks: GRAMMAR[typology].map((segment) => rng.int(0, segment.length - 1)) };
}

/** Share of the drift that rewrites a whole segment: paraphrasers swap words far more often than sentences. */
const SEGMENT_DRIFT = 0.3;

/**
 * One filing's wording of the ring's template, slots still unfilled: each small `[a|b]` point is reworded
 * with probability `drift`, each whole segment with probability `drift × SEGMENT_DRIFT`.
 */
export function wordTemplate(rng: Rng, template: RingTemplate, drift: number): string {
  const segments = GRAMMAR[template.typology];
  let out = '';
  segments.forEach((segment, i) => {
    const pick = template.picks[i] ?? 0;
    const chosen = rng.chance(drift * SEGMENT_DRIFT) ? rng.int(0, segment.length - 1) : pick;
    out += segment[chosen] ?? '';
  });
  return out.replace(/\[([^\]]+)\]/gu, (_, options: string) => {
    const choices = options.split('|');
    return (rng.chance(drift) ? rng.pick(choices.slice(1)) : choices[0]) ?? '';
  });
}

/**
 * A member's filing: the ring's template reworded with probability `drift`, its slots filled with the member's
 * details, then disguised at the ring's `disguise` level (homophones, traditional characters, full-width digits,
 * stray marks) so that exact and keyword matching miss it.
 */
export function ringTemplateText(
  rng: Rng,
  template: RingTemplate,
  drift: number,
  disguise: number,
  slots: TextSlots,
): string {
  const text = fillSlots(wordTemplate(rng, template, drift), slots);
  return disguiseText(rng, text, drawDisguise(rng, disguise));
}
