// The scripts rings hand their clients to file: one per scheme, each clause in several wordings (see paraphrase.ts).
import type { KnownCategory, Typology } from '../../src/shared/domain.js';
import type { Script } from './paraphrase.js';

export interface SchemeScript {
  category: KnownCategory;
  script: Script;
}

const MILL_FEES: SchemeScript = {
  category: 'fee_refund',
  script: [
    {
      variants: [
        '本人{name}，身份证尾号{idTail}，系{inst}借款用户。',
        '投诉人：{name}（证件后四位{idTail}），在{inst}有一笔借款。',
        '我叫{name}，身份证后4位{idTail}，是{inst}的客户。',
      ],
    },
    {
      variants: [
        '{inst}在放款过程中捆绑销售会员服务，变相收取费用{amount}元，',
        '贵司以担保费、服务费等名义向本人收取{amount}元，',
        '{inst}违规收取砍头息及各类费用合计{amount}元，',
      ],
    },
    {
      variants: [
        '综合年化利率远超国家规定的24%上限。',
        '实际融资成本明显超出法定标准。',
        '已严重违反监管关于综合融资成本的要求。',
      ],
      movable: true,
    },
    {
      variants: [
        '上述行为侵害了本人作为金融消费者的知情权和公平交易权。',
        '该行为涉嫌违规放贷、侵犯消费者合法权益。',
      ],
      movable: true,
      optional: true,
    },
    {
      variants: [
        '现要求全额退还上述费用并停止计息。',
        '本人要求：一、退还不合理收费{amount}元；二、减免全部罚息。',
        '请责令其退还多收费用，并给予书面答复。',
      ],
    },
    {
      variants: [
        '如七日内不予处理，本人将持续向12378、12363及相关部门反映。',
        '否则本人将向法院起诉并向媒体曝光。',
        '若不妥善解决，将逐级向上投诉。',
      ],
      optional: true,
    },
    { variants: ['联系电话：{phone}。', '有问题请联系{phone}。', '本人电话{phone}。'] },
  ],
};

const MILL_STALL: SchemeScript = {
  category: 'collection_harassment',
  script: [
    {
      variants: [
        '本人因家庭突发变故，暂时无力偿还{inst}的借款。',
        '由于经济困难，本人在{inst}的贷款出现逾期。',
        '本人在{inst}处借款，因失业导致还款困难。',
      ],
    },
    {
      variants: [
        '{inst}委托的第三方频繁骚扰本人及家人，严重影响正常生活。',
        '逾期后{inst}的催收人员多次爆通讯录、辱骂威胁。',
        '催收方采用恐吓、骚扰等手段，已构成暴力催收。',
      ],
      movable: true,
    },
    {
      variants: [
        '根据《互联网金融逾期债务催收自律公约》，上述行为明显违规。',
        '依据相关法规，催收不得骚扰无关第三人。',
      ],
      movable: true,
      optional: true,
    },
    {
      variants: [
        '要求立即停止一切催收行为，并给予停息挂账、分60期还款。',
        '请求暂停催收，减免利息罚息，本金分期偿还。',
        '要求{inst}停止催收并协商个性化分期。',
      ],
    },
    { variants: ['联系人电话{phone}。', '具体事宜请致电{phone}。', '电话：{phone}'], optional: true },
  ],
};

const SURRENDER_MISSELL: SchemeScript = {
  category: 'insurance_mis_selling',
  script: [
    {
      variants: [
        '本人于{date}在{inst}投保，',
        '投保人{name}，{date}购买了{inst}的保险产品，',
        '我{date}通过业务员购买了{inst}的分红险，',
      ],
    },
    {
      variants: [
        '业务员以"存款""理财"名义销售，未告知是保险产品，',
        '销售人员夸大收益、隐瞒退保损失，',
        '投保时业务员代签名、未进行双录，',
      ],
      movable: true,
    },
    {
      variants: ['也未告知犹豫期及退保损失，', '条款和收益演示与实际严重不符，', '存在明显的销售误导行为，'],
      movable: true,
      optional: true,
    },
    {
      variants: [
        '现要求全额退还已缴保费{amount}元。',
        '本人要求全额退保，退还保费{amount}元。',
        '申请无损退保，返还全部保费{amount}元。',
      ],
    },
    {
      variants: ['否则将向银保监会投诉并向法院起诉。', '如不处理，将持续向监管部门反映。'],
      optional: true,
    },
    { variants: ['联系电话{phone}。', '请与{phone}联系。'], optional: true },
  ],
};

const SURRENDER_HEALTH: SchemeScript = {
  category: 'insurance_mis_selling',
  script: [
    {
      variants: ['投保人{name}，身份证尾号{idTail}，', '本人{name}（证件尾号{idTail}），'],
    },
    {
      variants: [
        '投保时本人已患有慢性疾病，业务员明知却让我勾选健康告知"否"，',
        '业务员未询问健康状况，代为填写健康告知，',
      ],
    },
    {
      variants: ['保险合同因此存在重大瑕疵，', '{inst}存在违规承保行为，'],
      movable: true,
    },
    {
      variants: ['要求解除合同并全额退还保费{amount}元。', '申请撤销保单，退回全部保费共{amount}元。'],
    },
  ],
};

const MEDIATION_HARDSHIP: SchemeScript = {
  category: 'debt_negotiation',
  script: [
    {
      variants: [
        '本人{name}，在{inst}有信用贷款，',
        '申请人{name}，身份证尾号{idTail}，系{inst}客户，',
        '我是{inst}的借款人{name}，',
      ],
    },
    {
      variants: [
        '因身患重大疾病（见附件诊断证明），丧失劳动能力，',
        '因所在公司裁员失业，家庭无其他收入来源，',
        '因家人重病住院，花光全部积蓄，',
      ],
    },
    {
      variants: ['目前确实无力按原合同还款。', '现阶段无法继续按期足额还款。', '已无能力承担每月还款。'],
    },
    {
      variants: [
        '根据《商业银行信用卡业务监督管理办法》第七十条，',
        '依据监管规定，银行应与困难客户协商个性化分期，',
      ],
      movable: true,
      optional: true,
    },
    {
      variants: [
        '特申请停息挂账，本金分60期偿还。',
        '申请减免全部利息、罚息，剩余本金分五年还清。',
        '请求办理个性化分期，并停止计收利息。',
      ],
      movable: true,
    },
    { variants: ['联系电话{phone}。', '有事请联系{phone}。'], optional: true },
  ],
};

const MEDIATION_MINIMAL: SchemeScript = {
  category: 'debt_negotiation',
  script: [
    { variants: ['申请{inst}协商还款。', '本人申请与{inst}协商还款方案。'] },
    {
      variants: ['本人收入锐减，无力偿还，', '本人经济困难，', '因个人原因暂时无力还款，'],
    },
    {
      variants: [
        '要求停止催收、停息分期，否则向人行和银保监会投诉。',
        '请停息挂账并分期还本，不同意将继续投诉。',
      ],
    },
  ],
};

const REPAIR_OBJECTION: SchemeScript = {
  category: 'credit_report',
  script: [
    {
      variants: [
        '本人{name}，身份证尾号{idTail}，对{inst}报送的逾期记录提出异议。',
        '异议申请人{name}（尾号{idTail}）：{inst}上报的不良记录与事实不符。',
        '关于{inst}在征信系统中报送的逾期信息，本人{name}提出异议。',
      ],
    },
    {
      variants: [
        '该笔逾期系{inst}系统扣款失败所致，非本人主观恶意。',
        '逾期期间本人因疫情隔离无法还款，属于不可抗力。',
        '{inst}未按规定在报送不良信息前通知本人。',
      ],
    },
    {
      variants: ['根据《征信业管理条例》第十五条、第二十五条，', '依照征信业管理相关规定，'],
      movable: true,
    },
    {
      variants: [
        '要求{inst}在15日内删除该不良记录。',
        '请求更正并消除本人征信上的逾期信息。',
        '要求撤销上报的全部逾期记录。',
      ],
      movable: true,
    },
    {
      variants: ['否则本人将向中国人民银行征信中心及法院提起诉讼。', '如不处理，本人将向12363投诉。'],
      optional: true,
    },
  ],
};

const REPAIR_IDENTITY: SchemeScript = {
  category: 'credit_report',
  script: [
    {
      variants: ['征信报告显示本人在{inst}有一笔贷款，', '本人征信上有{inst}的一笔借款记录，'],
    },
    {
      variants: ['该笔借款非本人办理，系他人冒用本人身份信息，', '本人从未申请过该贷款，身份信息被盗用，'],
    },
    {
      variants: ['要求{inst}立即删除该记录及相关逾期信息。', '请{inst}核实后撤销该笔贷款的全部征信记录。'],
    },
    { variants: ['已向公安机关报案。', '报案回执另附。'], optional: true },
  ],
};

/** The text message a collection gang sends; debtors paste it into their complaints. */
export const COLLECTION_NOTICE: SchemeScript = {
  category: 'collection_harassment',
  script: [
    { variants: ['{name}您好，', '尊敬的{name}：', '{name}：'] },
    {
      variants: ['您在{inst}的欠款已严重逾期，', '您名下{inst}借款已逾期，金额{amount}元，'],
    },
    {
      variants: ['我方将于近日上门走访并联系您的紧急联系人，', '案件已提交法务部门，即将上门调查，'],
    },
    { variants: ['请于今日内联系{phone}处理。', '速回电{phone}。'] },
  ],
};

/** Two scripts per filing typology: which one a ring uses is its own choice. */
export const SCHEME_SCRIPTS: Record<
  Extract<Typology, 'complaint_mill' | 'surrender_agent' | 'loan_mediation' | 'credit_repair'>,
  readonly SchemeScript[]
> = {
  complaint_mill: [MILL_FEES, MILL_STALL],
  surrender_agent: [SURRENDER_MISSELL, SURRENDER_HEALTH],
  loan_mediation: [MEDIATION_HARDSHIP, MEDIATION_MINIMAL],
  credit_repair: [REPAIR_OBJECTION, REPAIR_IDENTITY],
};
