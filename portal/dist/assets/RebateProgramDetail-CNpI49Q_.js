import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{c as r,f as i,l as a,o,s,u as c}from"./index-BqCJpa1U.js";import{t as l}from"./useTranslation-C_P0klXE.js";import{i as u,l as d,n as f,o as p,t as m,u as h}from"./usePageTitle-Jpf0eI-v.js";import{t as g}from"./PolicyAudience-DxWBc8Bb.js";import{n as _,t as v}from"./format-DyU-Atiu.js";import{a as y,l as b}from"./incentive-DFARsnoZ.js";var x=e(t(),1),S=n(),C=p(`
  query RebateProgram($id: ID!) {
    settings {
      today
    }
    node(id: $id) {
      __typename
      id
      ... on RebateProgram {
        name
        description
        periodKind
        firstPeriod
        lastPeriod
        currentPeriod
        tierMode
        categories
        publishedAt
        publishedByName
        products {
          id
          sku
          name
        }
        tiers {
          threshold
          rateBasisPoints
        }
        audience {
          ...AudienceFields
        }
      }
    }
  }
`),w=p(`
  fragment RebateSettlementFields on RebateSettlement {
    period
    settled
    totalToCredit
    lines {
      dealer {
        id
        code
        name
      }
      basis
      tier {
        threshold
        rateBasisPoints
      }
      earned
      alreadyCredited
      toCredit
      shortfall
      creditNote {
        id
        number
        amount
      }
    }
  }
`),T=p(`
  query RebateSettlementPreview($programID: ID!, $period: Period!) {
    rebateSettlementPreview(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`),E=p(`
  mutation SettleRebates($programID: ID!, $period: Period!) {
    settleRebates(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`);function D(){let{t:e,i18n:t}=l(),n=t.language===`zh`?`zh-CN`:`en`,{id:u=``}=i(),[{data:d}]=a(),f=d?.me.role===`ADMIN`,[{data:p,error:x,fetching:w},T]=h({query:C,variables:{id:u}}),E=p?.node?.__typename===`RebateProgram`?p.node:null;m(E?.name??e(`incentives.programsTitle`));let D=e=>v(e,n),k=(0,S.jsx)(`p`,{className:`back`,children:(0,S.jsxs)(c,{to:`/rebates`,children:[`← `,e(`incentives.backToPrograms`)]})});return w&&!p?(0,S.jsx)(r,{}):x&&!p?(0,S.jsxs)(S.Fragment,{children:[k,(0,S.jsx)(s,{error:x,onRetry:()=>T({requestPolicy:`network-only`})})]}):E?(0,S.jsxs)(`article`,{"aria-labelledby":`program-title`,children:[k,(0,S.jsxs)(`p`,{className:`eyebrow`,children:[e(`incentives.periodKind.${E.periodKind}`),` · `,e(`incentives.tierMode.${E.tierMode}`)]}),(0,S.jsx)(`h1`,{id:`program-title`,children:E.name}),E.description&&(0,S.jsx)(`p`,{className:`lead program-description`,children:E.description}),(0,S.jsxs)(`dl`,{className:`facts`,children:[(0,S.jsxs)(`div`,{children:[(0,S.jsx)(`dt`,{children:e(`incentives.runs`)}),(0,S.jsx)(`dd`,{children:E.lastPeriod?e(`incentives.runsFromTo`,{first:E.firstPeriod,last:E.lastPeriod}):e(`incentives.runsFrom`,{first:E.firstPeriod})})]}),(0,S.jsxs)(`div`,{children:[(0,S.jsx)(`dt`,{children:e(`incentives.currentPeriodLabel`)}),(0,S.jsx)(`dd`,{className:`mono`,children:E.currentPeriod??`—`})]}),(0,S.jsxs)(`div`,{children:[(0,S.jsx)(`dt`,{children:e(`incentives.audience`)}),(0,S.jsx)(`dd`,{children:(0,S.jsx)(g,{audience:E.audience})})]}),(0,S.jsxs)(`div`,{children:[(0,S.jsx)(`dt`,{children:e(`incentives.coverage`)}),(0,S.jsx)(`dd`,{children:!E.products?.length&&!E.categories?.length?e(`incentives.everyProduct`):[...E.categories??[],...(E.products??[]).map(e=>e.name)].join(`, `)})]})]}),(0,S.jsx)(`p`,{className:`muted`,children:e(`incentives.publishedBy`,{name:E.publishedByName,time:_(E.publishedAt,n)})}),(0,S.jsx)(`h2`,{id:`program-tiers`,children:e(`incentives.tiersField`)}),(0,S.jsxs)(`table`,{className:`table ladder-table`,"aria-labelledby":`program-tiers`,children:[(0,S.jsx)(`thead`,{children:(0,S.jsxs)(`tr`,{children:[(0,S.jsx)(`th`,{scope:`col`,children:e(`incentives.threshold`)}),(0,S.jsx)(`th`,{scope:`col`,className:`num`,children:e(`incentives.rate`)})]})}),(0,S.jsx)(`tbody`,{children:E.tiers.map(t=>(0,S.jsxs)(`tr`,{children:[(0,S.jsx)(`td`,{"data-label":e(`incentives.threshold`),className:`money`,children:e(`incentives.fromAmount`,{amount:D(t.threshold)})}),(0,S.jsx)(`td`,{"data-label":e(`incentives.rate`),className:`num`,children:y(t.rateBasisPoints,n)})]},t.threshold))})]}),f&&p&&(0,S.jsx)(O,{programID:E.id,periods:b(E.firstPeriod,E.lastPeriod,E.periodKind,p.settings.today),current:E.currentPeriod??null})]}):(0,S.jsxs)(S.Fragment,{children:[k,(0,S.jsx)(o,{children:e(`incentives.programNotFound`)})]})}function O({programID:e,periods:t,current:n}){let{t:i,i18n:a}=l(),o=a.language===`zh`?`zh-CN`:`en`,c=(0,x.useId)(),[p,m]=(0,x.useState)(()=>t.find(e=>e!==n)??t[0]??``),[g,_]=(0,x.useState)(null),[y,b]=(0,x.useState)(!1),[C,w]=(0,x.useState)(null),[D,O]=h({query:T,variables:{programID:e,period:g??``},pause:!g,requestPolicy:`network-only`}),[A,j]=d(E);(0,x.useEffect)(()=>{b(!1)},[p]);let M=e=>{m(e),_(null),w(null)},N=async()=>{let t=await j({programID:e,period:p});b(!1),!t.error&&t.data&&(w(t.data.settleRebates),O({requestPolicy:`network-only`}))},P=u(A.error).map(e=>f(i,e,`incentives.settleRefused`))[0],F=D.data?.rebateSettlementPreview;return(0,S.jsxs)(`section`,{"aria-labelledby":`settlement-title`,className:`settlement`,children:[(0,S.jsx)(`h2`,{id:`settlement-title`,children:i(`incentives.settlement`)}),(0,S.jsx)(`p`,{className:`muted`,children:i(`incentives.settlementIntro`)}),(0,S.jsxs)(`div`,{className:`filter`,children:[(0,S.jsx)(`label`,{htmlFor:c,children:i(`incentives.periodLabel`)}),(0,S.jsx)(`select`,{id:c,name:`period`,value:p,onChange:e=>M(e.target.value),children:t.map(e=>(0,S.jsxs)(`option`,{value:e,children:[e,e===n?` (${i(`incentives.running`)})`:``]},e))}),(0,S.jsx)(`button`,{type:`button`,className:`button`,"data-action":`preview`,disabled:!p,onClick:()=>(_(p),w(null)),children:i(`incentives.preview`)})]}),g&&D.fetching&&!F&&(0,S.jsx)(r,{}),g&&D.error&&!F&&(0,S.jsx)(s,{error:D.error}),F&&g===p&&(0,S.jsxs)(S.Fragment,{children:[(0,S.jsx)(k,{settlement:F,caption:i(`incentives.previewCaption`,{period:F.period})}),y?(0,S.jsxs)(`div`,{className:`notice confirm-settle`,role:`alertdialog`,"aria-labelledby":`confirm-settle-text`,children:[(0,S.jsx)(`p`,{id:`confirm-settle-text`,children:i(`incentives.confirmSettle`,{period:p,amount:v(F.totalToCredit,o),count:F.lines.filter(e=>Number(e.toCredit)>0).length})}),(0,S.jsxs)(`p`,{className:`actions-row`,children:[(0,S.jsx)(`button`,{type:`button`,className:`button button-primary`,"data-action":`confirm-settle`,disabled:A.fetching,onClick:N,children:i(`incentives.confirm`)}),` `,(0,S.jsx)(`button`,{type:`button`,className:`button`,"data-action":`cancel-settle`,onClick:()=>b(!1),children:i(`incentives.cancel`)})]})]}):(0,S.jsx)(`p`,{className:`actions-row`,children:(0,S.jsx)(`button`,{type:`button`,className:`button button-primary`,"data-action":`settle`,onClick:()=>b(!0),children:i(`incentives.settle`)})})]}),P&&!y&&(0,S.jsx)(`p`,{className:`field-error settle-error`,role:`alert`,children:P}),C&&(0,S.jsxs)(`div`,{className:`settled-result`,children:[(0,S.jsx)(`p`,{className:`notice notice-ok`,role:`status`,children:i(`incentives.settledNotice`,{period:C.period,amount:v(C.totalToCredit,o)})}),(0,S.jsx)(k,{settlement:C,caption:i(`incentives.settledCaption`,{period:C.period})})]})]})}function k({settlement:e,caption:t}){let{t:n,i18n:r}=l(),i=r.language===`zh`?`zh-CN`:`en`,a=e=>v(e,i);return(0,S.jsxs)(`table`,{className:`table settlement-table${e.settled?` settlement-done`:` settlement-preview`}`,children:[(0,S.jsx)(`caption`,{children:t}),(0,S.jsx)(`thead`,{children:(0,S.jsxs)(`tr`,{children:[[`dealer`,`basis`,`tier`,`earned`,`alreadyCredited`,`toCredit`,`shortfall`].map(e=>(0,S.jsx)(`th`,{scope:`col`,className:e===`dealer`||e===`tier`?void 0:`num`,children:n(`incentives.col.${e}`)},e)),e.settled&&(0,S.jsx)(`th`,{scope:`col`,children:n(`incentives.col.creditNote`)})]})}),(0,S.jsx)(`tbody`,{children:e.lines.map(t=>(0,S.jsxs)(`tr`,{"data-dealer":t.dealer.code,children:[(0,S.jsxs)(`th`,{scope:`row`,"data-label":n(`incentives.col.dealer`),children:[(0,S.jsx)(c,{to:`/dealers/${encodeURIComponent(t.dealer.id)}`,children:t.dealer.name}),` `,(0,S.jsx)(`span`,{className:`muted mono`,children:t.dealer.code})]}),(0,S.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.basis`),children:a(t.basis)}),(0,S.jsx)(`td`,{"data-label":n(`incentives.col.tier`),children:t.tier?y(t.tier.rateBasisPoints,i):`—`}),(0,S.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.earned`),children:a(t.earned)}),(0,S.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.alreadyCredited`),children:a(t.alreadyCredited)}),(0,S.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.toCredit`),"data-fact":`to-credit`,children:a(t.toCredit)}),(0,S.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.shortfall`),children:Number(t.shortfall)>0?(0,S.jsx)(`span`,{className:`badge badge-hold`,children:a(t.shortfall)}):a(t.shortfall)}),e.settled&&(0,S.jsx)(`td`,{"data-label":n(`incentives.col.creditNote`),className:`mono credit-note`,children:t.creditNote?`${t.creditNote.number} · ${a(t.creditNote.amount)}`:`—`})]},t.dealer.id))}),(0,S.jsx)(`tfoot`,{children:(0,S.jsxs)(`tr`,{children:[(0,S.jsx)(`th`,{scope:`row`,children:n(`incentives.total`)}),(0,S.jsx)(`td`,{colSpan:4}),(0,S.jsx)(`td`,{className:`num total-to-credit`,"data-label":n(`incentives.col.toCredit`),children:(0,S.jsx)(`strong`,{children:a(e.totalToCredit)})}),(0,S.jsx)(`td`,{colSpan:e.settled?2:1})]})})]})}export{D as RebateProgramDetail,C as RebateProgramQuery,w as RebateSettlementFieldsFragmentDoc,T as RebateSettlementPreviewQuery,E as SettleRebatesMutation};