import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{n as r,u as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{i as o,l as s,n as c,o as l,t as u,u as d}from"./usePageTitle-CNuGqkbR.js";import{_ as f,g as p,h as m,m as h}from"./index-BQF-CtQ0.js";import{t as g}from"./PolicyAudience-Cpwd6IB8.js";import{n as _,t as v}from"./format-DyU-Atiu.js";import{a as y,l as b,r as x}from"./incentive-DFARsnoZ.js";var S=e(t(),1),C=n(),w=l(`
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
`),T=l(`
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
`),E=l(`
  query RebateSettlementPreview($programID: ID!, $period: Period!) {
    rebateSettlementPreview(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`),D=l(`
  mutation SettleRebates($programID: ID!, $period: Period!) {
    settleRebates(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`),O=l(`
  mutation EndRebateProgram($id: ID!, $lastPeriod: Period!) {
    endRebateProgram(id: $id, lastPeriod: $lastPeriod) {
      id
      lastPeriod
      currentPeriod
    }
  }
`);function k(){let{t:e,i18n:t}=a(),n=t.language===`zh`?`zh-CN`:`en`,{id:o=``}=i(),[{data:s}]=f(),c=s?.me.role===`ADMIN`,[{data:l,error:x,fetching:S},T]=d({query:w,variables:{id:o}}),E=l?.node?.__typename===`RebateProgram`?l.node:null;u(E?.name??e(`incentives.programsTitle`));let D=e=>v(e,n),O=(0,C.jsx)(`p`,{className:`back`,children:(0,C.jsxs)(r,{to:`/rebates`,children:[`← `,e(`incentives.backToPrograms`)]})});return S&&!l?(0,C.jsx)(p,{}):x&&!l?(0,C.jsxs)(C.Fragment,{children:[O,(0,C.jsx)(m,{error:x,onRetry:()=>T({requestPolicy:`network-only`})})]}):E?(0,C.jsxs)(`article`,{"aria-labelledby":`program-title`,children:[O,(0,C.jsxs)(`p`,{className:`eyebrow`,children:[e(`incentives.periodKind.${E.periodKind}`),` · `,e(`incentives.tierMode.${E.tierMode}`)]}),(0,C.jsx)(`h1`,{id:`program-title`,children:E.name}),E.description&&(0,C.jsx)(`p`,{className:`lead program-description`,children:E.description}),(0,C.jsxs)(`dl`,{className:`facts`,children:[(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`incentives.runs`)}),(0,C.jsx)(`dd`,{children:E.lastPeriod?e(`incentives.runsFromTo`,{first:E.firstPeriod,last:E.lastPeriod}):e(`incentives.runsFrom`,{first:E.firstPeriod})})]}),(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`incentives.currentPeriodLabel`)}),(0,C.jsx)(`dd`,{className:`mono`,children:E.currentPeriod??`—`})]}),(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`incentives.audience`)}),(0,C.jsx)(`dd`,{children:(0,C.jsx)(g,{audience:E.audience})})]}),(0,C.jsxs)(`div`,{children:[(0,C.jsx)(`dt`,{children:e(`incentives.coverage`)}),(0,C.jsx)(`dd`,{children:!E.products?.length&&!E.categories?.length?e(`incentives.everyProduct`):[...E.categories??[],...(E.products??[]).map(e=>e.name)].join(`, `)})]})]}),(0,C.jsx)(`p`,{className:`muted`,children:e(`incentives.publishedBy`,{name:E.publishedByName,time:_(E.publishedAt,n)})}),(0,C.jsx)(`h2`,{id:`program-tiers`,children:e(`incentives.tiersField`)}),(0,C.jsxs)(`table`,{className:`table ladder-table`,"aria-labelledby":`program-tiers`,children:[(0,C.jsx)(`thead`,{children:(0,C.jsxs)(`tr`,{children:[(0,C.jsx)(`th`,{scope:`col`,children:e(`incentives.threshold`)}),(0,C.jsx)(`th`,{scope:`col`,className:`num`,children:e(`incentives.rate`)})]})}),(0,C.jsx)(`tbody`,{children:E.tiers.map(t=>(0,C.jsxs)(`tr`,{children:[(0,C.jsx)(`td`,{"data-label":e(`incentives.threshold`),className:`money`,children:e(`incentives.fromAmount`,{amount:D(t.threshold)})}),(0,C.jsx)(`td`,{"data-label":e(`incentives.rate`),className:`num`,children:y(t.rateBasisPoints,n)})]},t.threshold))})]}),c&&l&&(0,C.jsx)(A,{programID:E.id,periods:b(E.firstPeriod,E.lastPeriod,E.periodKind,l.settings.today).concat(E.firstPeriod>l.settings.today?[E.firstPeriod]:[]),last:E.lastPeriod??null}),c&&l&&(0,C.jsx)(j,{programID:E.id,periods:b(E.firstPeriod,E.lastPeriod,E.periodKind,l.settings.today),current:E.currentPeriod??null})]}):(0,C.jsxs)(C.Fragment,{children:[O,(0,C.jsx)(h,{children:e(`incentives.programNotFound`)})]})}function A({programID:e,periods:t,last:n}){let{t:r}=a(),i=(0,S.useId)(),[l,u]=(0,S.useState)(()=>n??t[0]??``),[d,f]=(0,S.useState)(null),[p,m]=s(O),h=o(p.error),g=h.filter(e=>e.code===`INVALID_INPUT`&&x(e.field).root===`lastPeriod`).map(()=>r(`incentives.end.refused.field.lastPeriod`))[0],_=h.filter(e=>e.code!==`INVALID_INPUT`||x(e.field).root!==`lastPeriod`).map(e=>c(r,e,`incentives.refused`))[0];return(0,C.jsxs)(`section`,{"aria-labelledby":`end-program-title`,className:`end-program`,children:[(0,C.jsx)(`h2`,{id:`end-program-title`,children:r(`incentives.end.title`)}),(0,C.jsx)(`p`,{className:`muted`,children:r(`incentives.end.intro`)}),(0,C.jsxs)(`form`,{className:`filter`,onSubmit:async t=>{t.preventDefault(),f(null);let n=await m({id:e,lastPeriod:l});!n.error&&n.data&&f(n.data.endRebateProgram.lastPeriod??l)},noValidate:!0,children:[(0,C.jsxs)(`div`,{className:`field`,children:[(0,C.jsx)(`label`,{htmlFor:i,children:r(`incentives.end.lastPeriod`)}),(0,C.jsx)(`select`,{id:i,name:`lastPeriod`,value:l,onChange:e=>(u(e.target.value),f(null)),children:t.map(e=>(0,C.jsx)(`option`,{value:e,children:e},e))}),g&&(0,C.jsx)(`p`,{className:`field-error`,role:`alert`,children:g})]}),(0,C.jsx)(`button`,{type:`submit`,className:`button`,"data-action":`end-program`,disabled:!l||p.fetching,children:r(`incentives.end.action`)})]}),_&&(0,C.jsx)(`p`,{className:`field-error`,role:`alert`,children:_}),d&&(0,C.jsx)(`p`,{className:`notice notice-ok`,role:`status`,children:r(`incentives.end.ended`,{period:d})})]})}function j({programID:e,periods:t,current:n}){let{t:r,i18n:i}=a(),l=i.language===`zh`?`zh-CN`:`en`,u=(0,S.useId)(),[f,h]=(0,S.useState)(()=>t.find(e=>e!==n)??t[0]??``),[g,_]=(0,S.useState)(null),[y,b]=(0,S.useState)(!1),[x,w]=(0,S.useState)(null),[T,O]=d({query:E,variables:{programID:e,period:g??``},pause:!g,requestPolicy:`network-only`}),[k,A]=s(D);(0,S.useEffect)(()=>{b(!1)},[f]);let j=e=>{h(e),_(null),w(null)},N=async()=>{let t=await A({programID:e,period:f});b(!1),!t.error&&t.data&&(w(t.data.settleRebates),O({requestPolicy:`network-only`}))},P=o(k.error).map(e=>c(r,e,`incentives.settleRefused`))[0],F=T.data?.rebateSettlementPreview;return(0,C.jsxs)(`section`,{"aria-labelledby":`settlement-title`,className:`settlement`,children:[(0,C.jsx)(`h2`,{id:`settlement-title`,children:r(`incentives.settlement`)}),(0,C.jsx)(`p`,{className:`muted`,children:r(`incentives.settlementIntro`)}),(0,C.jsxs)(`div`,{className:`filter`,children:[(0,C.jsx)(`label`,{htmlFor:u,children:r(`incentives.periodLabel`)}),(0,C.jsx)(`select`,{id:u,name:`period`,value:f,onChange:e=>j(e.target.value),children:t.map(e=>(0,C.jsxs)(`option`,{value:e,children:[e,e===n?` (${r(`incentives.running`)})`:``]},e))}),(0,C.jsx)(`button`,{type:`button`,className:`button`,"data-action":`preview`,disabled:!f,onClick:()=>(_(f),w(null)),children:r(`incentives.preview`)})]}),g&&T.fetching&&!F&&(0,C.jsx)(p,{}),g&&T.error&&!F&&(0,C.jsx)(m,{error:T.error}),F&&g===f&&(0,C.jsxs)(C.Fragment,{children:[(0,C.jsx)(M,{settlement:F,caption:r(`incentives.previewCaption`,{period:F.period})}),y?(0,C.jsxs)(`div`,{className:`notice confirm-settle`,role:`alertdialog`,"aria-labelledby":`confirm-settle-text`,children:[(0,C.jsx)(`p`,{id:`confirm-settle-text`,children:r(`incentives.confirmSettle`,{period:f,amount:v(F.totalToCredit,l),count:F.lines.filter(e=>Number(e.toCredit)>0).length})}),(0,C.jsxs)(`p`,{className:`actions-row`,children:[(0,C.jsx)(`button`,{type:`button`,className:`button button-primary`,"data-action":`confirm-settle`,disabled:k.fetching,onClick:N,children:r(`incentives.confirm`)}),` `,(0,C.jsx)(`button`,{type:`button`,className:`button`,"data-action":`cancel-settle`,onClick:()=>b(!1),children:r(`incentives.cancel`)})]})]}):(0,C.jsx)(`p`,{className:`actions-row`,children:(0,C.jsx)(`button`,{type:`button`,className:`button button-primary`,"data-action":`settle`,onClick:()=>b(!0),children:r(`incentives.settle`)})})]}),P&&!y&&(0,C.jsx)(`p`,{className:`field-error settle-error`,role:`alert`,children:P}),x&&(0,C.jsxs)(`div`,{className:`settled-result`,children:[(0,C.jsx)(`p`,{className:`notice notice-ok`,role:`status`,children:r(`incentives.settledNotice`,{period:x.period,amount:v(x.totalToCredit,l)})}),(0,C.jsx)(M,{settlement:x,caption:r(`incentives.settledCaption`,{period:x.period})})]})]})}function M({settlement:e,caption:t}){let{t:n,i18n:i}=a(),o=i.language===`zh`?`zh-CN`:`en`,s=e=>v(e,o);return(0,C.jsxs)(`table`,{className:`table settlement-table${e.settled?` settlement-done`:` settlement-preview`}`,children:[(0,C.jsx)(`caption`,{children:t}),(0,C.jsx)(`thead`,{children:(0,C.jsxs)(`tr`,{children:[[`dealer`,`basis`,`tier`,`earned`,`alreadyCredited`,`toCredit`,`shortfall`].map(e=>(0,C.jsx)(`th`,{scope:`col`,className:e===`dealer`||e===`tier`?void 0:`num`,children:n(`incentives.col.${e}`)},e)),e.settled&&(0,C.jsx)(`th`,{scope:`col`,children:n(`incentives.col.creditNote`)})]})}),(0,C.jsx)(`tbody`,{children:e.lines.map(t=>(0,C.jsxs)(`tr`,{"data-dealer":t.dealer.code,children:[(0,C.jsxs)(`th`,{scope:`row`,"data-label":n(`incentives.col.dealer`),children:[(0,C.jsx)(r,{to:`/dealers/${encodeURIComponent(t.dealer.id)}`,children:t.dealer.name}),` `,(0,C.jsx)(`span`,{className:`muted mono`,children:t.dealer.code})]}),(0,C.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.basis`),children:s(t.basis)}),(0,C.jsx)(`td`,{"data-label":n(`incentives.col.tier`),children:t.tier?y(t.tier.rateBasisPoints,o):`—`}),(0,C.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.earned`),children:s(t.earned)}),(0,C.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.alreadyCredited`),children:s(t.alreadyCredited)}),(0,C.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.toCredit`),"data-fact":`to-credit`,children:s(t.toCredit)}),(0,C.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.shortfall`),children:Number(t.shortfall)>0?(0,C.jsx)(`span`,{className:`badge badge-hold`,children:s(t.shortfall)}):s(t.shortfall)}),e.settled&&(0,C.jsx)(`td`,{"data-label":n(`incentives.col.creditNote`),className:`mono credit-note`,children:t.creditNote?`${t.creditNote.number} · ${s(t.creditNote.amount)}`:`—`})]},t.dealer.id))}),(0,C.jsx)(`tfoot`,{children:(0,C.jsxs)(`tr`,{children:[(0,C.jsx)(`th`,{scope:`row`,children:n(`incentives.total`)}),(0,C.jsx)(`td`,{colSpan:4}),(0,C.jsx)(`td`,{className:`num total-to-credit`,"data-label":n(`incentives.col.toCredit`),children:(0,C.jsx)(`strong`,{children:s(e.totalToCredit)})}),(0,C.jsx)(`td`,{colSpan:e.settled?2:1})]})})]})}export{O as EndRebateProgramMutation,k as RebateProgramDetail,w as RebateProgramQuery,T as RebateSettlementFieldsFragmentDoc,E as RebateSettlementPreviewQuery,D as SettleRebatesMutation};