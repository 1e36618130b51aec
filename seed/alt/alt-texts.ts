// What honest people write: consumers in their own words, lawyers for their clients, victims naming who wronged them.
import type { KnownCategory } from '../../src/shared/domain.js';
import type { Rng } from '../rng.js';

export interface Slots {
  inst: string;
  date: string;
  amount: string;
  name?: string;
  idTail?: string;
  phone?: string;
  wechat?: string;
  card?: string;
  lawyer?: string;
  firm?: string;
}

export const fill = (template: string, s: Slots): string =>
  template.replace(/\{(\w+)\}/gu, (_, k: string) => String(s[k as keyof Slots] ?? ''));

/** What happened, in the words of someone it happened to; several per category, none shared with seed/. */
const HAPPENED: Record<KnownCategory, readonly string[]> = {
  fee_refund: [
    '莫名其妙被扣了一笔{amount}元的钱，短信说是什么权益包',
    '我根本没同意开通，{inst}每个月自动扣我会员费',
    '还完了钱才发现里面有{amount}元是担保费，借的时候没人说过',
    '信用卡年费{amount}元，当初办卡的小姑娘说终身免年费的',
    '账单里多了一项账户管理费，我问了三次都说不清楚',
    '分期的时候说手续费很低，算下来年化快30%了',
    '提前结清被收了违约金{amount}元，合同里写得很含糊',
  ],
  service_quality: [
    '去营业厅办个挂失等了一上午',
    '打客服热线转了五六次人工，最后还是断线',
    '柜台人员说话很冲，我问两句就不耐烦',
    '手机上预约好的业务到了现场又说要重新排号',
    '理财经理反复打电话推销，拒绝了还继续打',
    '投诉了一次以后没有任何人联系我',
  ],
  collection_harassment: [
    '逾期了一周，催收就开始打我同事的电话',
    '催款的人说要去我老家找我父母',
    '每天早上七点不到就开始打电话催',
    '把我的照片P了发到了我家亲戚群',
    '催收的人自称是法院的，说马上要冻结我的工资',
  ],
  debt_negotiation: [
    '疫情以后收入少了一半，每个月的还款实在压不住',
    '孩子住院花光了积蓄，想跟{inst}商量晚几个月还',
    '我失业快半年了，希望能把剩下的{amount}元分成更多期',
    '厂子倒闭了，一时还不上，想申请停息',
    '主动打电话想协商，客服只会让我按时还款',
  ],
  credit_report: [
    '查征信发现有一笔{amount}元的网贷不是我本人借的',
    '两年前就还清的信用卡，征信上还挂着逾期',
    '{inst}自动扣款失败，却给我报了逾期',
    '我没有授权，{inst}却查了我的征信好几次',
    '房贷审批被拒，原因是一条错误的逾期记录',
  ],
  investment_advice: [
    '理财经理说保本，结果亏了{amount}元',
    '给我做风险测评是经理代填的，买的是R4的产品',
    '基金经理推荐的产品一年亏了三成',
    '买的理财到期一直不能赎回',
  ],
  insurance_mis_selling: [
    '在银行存钱的时候被说成是存款，后来才知道是保险',
    '业务员说随时可以取出来，现在退保只能拿回{amount}元',
    '给父母买的重疾险，理赔时说是既往症不赔',
    '签字的时候根本没给我看条款',
    '续期保费扣了我才知道这是交十年的',
  ],
  account_issue: [
    '卡突然不能用了，去柜台说要补资料',
    '手机银行转账被限额了，一天只能转五百',
    '我的账户被冻结了，没人告诉我原因',
    '注销账户要我跑三次网点',
    '账户上少了{amount}元，流水里查不到',
  ],
  outage: [
    'APP一直打不开，还款还不了',
    '转账显示失败，钱却被扣了{amount}元',
    '刷卡付款显示成功，商家说没收到',
    '整个晚上手机银行都在转圈',
    '登录一直提示系统繁忙',
  ],
  other: [
    '营销电话一天好几个，说是{inst}的',
    '我的个人信息被泄露了，天天有人打电话推销贷款',
    '积分兑换的东西一直没发货',
    '要开结清证明，拖了一个月还没给',
  ],
};

const LEADS = [
  '',
  '',
  '',
  '你好，',
  '您好！',
  '我想反映一下，',
  '投诉{inst}。',
  '{date}，',
  '事情是这样的：',
];
const MIDDLES = [
  '',
  '',
  '客服说会有专人联系，到现在也没人',
  '我已经打了不下十次电话',
  '工作人员互相推诿',
  '我有录音和截图为证',
  '我是退休老人，没有精力天天跑',
  '这事已经拖了快两个月了',
];
const WANTS = [
  '请帮忙处理。',
  '希望给个说法。',
  '请求退回这笔钱。',
  '希望监管部门介入。',
  '请尽快回复，谢谢。',
  '要求赔偿损失！',
  '',
];

/** An honest consumer's complaint, in their own words: drawn piece by piece, so no two are alike. */
export function ownWords(r: Rng, category: KnownCategory, s: Slots): string {
  const happened = HAPPENED[category];
  const first = r.int(0, happened.length - 1);
  let t = r.pick(LEADS) + happened[first];
  const mid = r.pick(MIDDLES);
  if (mid !== '') t += r.pick(['，', '。', '；']) + mid;
  if (r.chance(0.3)) t += `，${happened[(first + r.int(1, happened.length - 1)) % happened.length]}`;
  const want = r.pick(WANTS);
  t += want === '' ? r.pick(['。', '！', '']) : r.pick(['。', '，']) + want;
  return fill(t, s);
}

const REP_OPENINGS = {
  law_firm: [
    '{firm}接受{name}的委托，',
    '本律师受{name}委托，就其与{inst}之间的纠纷提出投诉：',
    '委托人{name}与{inst}发生争议，现由{lawyer}律师代为反映。',
    '代{name}反映：',
  ],
  legal_aid: ['我中心受理了{name}的法律援助申请，', '受援人{name}反映：', '经{firm}指派，代{name}反映：'],
} as const;
const REP_CLOSINGS = [
  '请依法处理并书面答复。',
  '望贵局督促{inst}依法依规处理，并将处理结果告知委托人。',
  '相关材料已另行提交，请审查。',
  '如需补充材料，请与{lawyer}律师联系。',
  '请依据《金融消费者权益保护实施办法》予以处理。',
];

/** A complaint a lawyer or legal-aid worker writes for one client: the client's own facts, the firm's phrasing. */
export function representedText(
  r: Rng,
  kind: keyof typeof REP_OPENINGS,
  category: KnownCategory,
  s: Slots,
): string {
  const facts = ownWords(r, category, s);
  const contact = s.phone !== undefined && r.chance(0.25) ? `（联系电话${s.phone}）` : '';
  return fill(r.pick(REP_OPENINGS[kind]), s) + facts + fill(r.pick(REP_CLOSINGS), s) + contact;
}

/** A line some honest people add: their own number, which a text extractor will pick up as a named party. */
export const ownNumberLine = (r: Rng, phone: string): string =>
  r.pick([`我的电话${phone}`, `联系方式：${phone}`, `本人手机${phone}，请回电`, `（电话 ${phone}）`]);

const COLLECTOR_HOW = [
  '用{phone}这个号一天打我二十多个电话',
  '{phone}打来说不还钱就去我单位闹',
  '一个自称{inst}委外的人，号码{phone}，威胁要上门',
  '催收员加了我微信{wechat}，天天发恐吓的话',
  '号码{phone}给我爸妈打电话骂人',
  '有人用{phone}冒充律师，说要起诉我坐牢',
  '{wechat}这个微信把我欠钱的事发到了我朋友圈',
];
const COLLECTOR_PAY = [
  '',
  '',
  '还逼我先转{amount}元到他们给的私人账户{card}',
  '让我把钱转到个人卡{card}上，说这样才能停止催收',
];
const COLLECTOR_WANT = [
  '我愿意还钱，但这样的催收太过分了。',
  '请查处这种暴力催收。',
  '家里人都被吓坏了，请管一管！',
  '要求{inst}停止这种骚扰。',
];

/** A debtor's complaint about improper collectors, naming the number or WeChat they were harassed from. */
export function collectionVictimText(r: Rng, s: Slots): string {
  const how = r.pick(
    COLLECTOR_HOW.filter(
      (h) =>
        (s.wechat !== undefined || !h.includes('{wechat}')) &&
        (s.phone !== undefined || !h.includes('{phone}')),
    ),
  );
  const pay = s.card === undefined ? '' : r.pick(COLLECTOR_PAY);
  const t =
    r.pick(['', '我在{inst}借了钱，逾期了，', '投诉{inst}的催收：', '{date}开始，']) +
    how +
    (pay === '' ? '' : `，${pay}`) +
    '。' +
    r.pick(COLLECTOR_WANT);
  return fill(t, s);
}

const TIPS_HOOK = [
  '被人拉进一个炒股群，老师微信{wechat}',
  '刷短视频看到一个讲股票的直播间，加了助理的微信{wechat}',
  '有人打电话说是{inst}的投顾，推荐我加微信{wechat}',
  '在群里跟着一个姓{name}的老师买股票',
];
const TIPS_PAID = [
  '先后交了{amount}元的会员费',
  '转了{amount}元到对方指定的账户{card}',
  '说交{amount}元就能拿内部票',
  '给他们的公司账户{card}打了{amount}元服务费',
];
const TIPS_AFTER = ['，买的股票全跌了，现在老师把我拉黑了', '，亏了一大半，客服不理人', '，群已经解散了'];

/** A stock-tips buyer's complaint: how they were hooked, what and where they paid. */
export function tipsVictimText(r: Rng, s: Slots): string {
  const hooks = TIPS_HOOK.filter((h) => s.wechat !== undefined || !h.includes('{wechat}'));
  const paid = TIPS_PAID.filter((p) => s.card !== undefined || !p.includes('{card}'));
  const t =
    r.pick(['', '我被骗了：', '{date}，', '举报非法荐股：']) +
    r.pick(hooks) +
    '，' +
    r.pick(paid) +
    r.pick(TIPS_AFTER) +
    r.pick(['。请帮我追回损失。', '。希望严查！', '。', '，求助！']);
  return fill(t, s);
}

const SERVICE_FRAUD: Record<
  'loan_mediation' | 'credit_repair' | 'surrender_agent' | 'complaint_mill',
  string[]
> = {
  loan_mediation: [
    '一家债务协商公司说能帮我停息挂账，收了我{amount}元前期费，对方电话{phone}，钱交了事没办成',
    '微信{wechat}的人说是专业帮人跟{inst}谈分期的，骗了我{amount}元',
    '交了{amount}元给所谓的法务公司，现在{inst}照样催我还款，电话{phone}也打不通了',
  ],
  credit_repair: [
    '号称能修复征信的公司收了我{amount}元，电话{phone}，征信一点没变',
    '网上找的征信修复，加了微信{wechat}，交钱以后被拉黑了',
    '有人说能洗白征信，我转了{amount}元到{card}，结果什么都没做',
  ],
  surrender_agent: [
    '有人说能帮我全额退保，电话{phone}，退下来的钱被他拿走了{amount}元',
    '代理退保的人让我写了一份我看不懂的材料，退保以后要我给他{amount}元',
    '一个自称维权老师的人微信{wechat}，教我说业务员误导，结果收了我一半的退保款',
  ],
  complaint_mill: [
    '一个维权工作室收了我{amount}元，说帮我退费，电话{phone}，到现在没下文',
    '交了{amount}元给代理投诉的人，对方微信{wechat}，现在联系不上了',
  ],
};

/** A customer the service defrauded, complaining about the service itself (a victim, not a member). */
export function serviceFraudText(r: Rng, typology: keyof typeof SERVICE_FRAUD, s: Slots): string {
  const lines = SERVICE_FRAUD[typology].filter(
    (l) =>
      (s.wechat !== undefined || !l.includes('{wechat}')) &&
      (s.phone !== undefined || !l.includes('{phone}')) &&
      (s.card !== undefined || !l.includes('{card}')),
  );
  return fill(r.pick(lines) + r.pick(['。', '，请帮我要回来。', '！这是诈骗吧？', '。']), s);
}

/** The standard text an institution's app complaint form writes for every user (the user only picks a box). */
export function formText(institutionShort: string, box: string): string {
  return `【${institutionShort}APP在线投诉】问题类型：${box}。客户已通过在线渠道提交诉求，请相关部门尽快核实处理并回复客户。`;
}
export const FORM_BOXES: readonly (readonly [string, KnownCategory])[] = [
  ['账户与卡片', 'account_issue'],
  ['收费问题', 'fee_refund'],
  ['服务态度', 'service_quality'],
  ['系统使用', 'outage'],
];
