import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{n as r,u as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{i as o,l as s,n as c,o as l,t as u,u as d}from"./usePageTitle-CUEgSYxO.js";import{t as f}from"./viewer-BCh4hgTe.js";import{n as p,r as m,t as h}from"./States-Fx22-PiY.js";import{t as g}from"./PolicyAudience-C3FAhHc6.js";import{i as _,r as v}from"./format-B5R3HS_1.js";import{a as y,l as b,r as x}from"./incentive-DFARsnoZ.js";import{n as S}from"./localName-OkrEYGri.js";var C=e(t(),1),w=n(),T=l(`
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
          nameZh
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
`),E=l(`
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
`),D=l(`
  query RebateSettlementPreview($programID: ID!, $period: Period!) {
    rebateSettlementPreview(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`),O=l(`
  mutation SettleRebates($programID: ID!, $period: Period!) {
    settleRebates(programID: $programID, period: $period) {
      ...RebateSettlementFields
    }
  }
`),k=l(`
  mutation EndRebateProgram($id: ID!, $lastPeriod: Period!) {
    endRebateProgram(id: $id, lastPeriod: $lastPeriod) {
      id
      lastPeriod
      currentPeriod
    }
  }
`);function A(){let{t:e,i18n:t}=a(),n=t.language===`zh`?`zh-CN`:`en`,{id:o=``}=i(),[{data:s}]=f(),c=s?.me.role===`ADMIN`,[{data:l,error:x,fetching:C},E]=d({query:T,variables:{id:o}}),D=l?.node?.__typename===`RebateProgram`?l.node:null;u(D?.name??e(`incentives.programsTitle`));let O=e=>v(e,n),k=(0,w.jsx)(`p`,{className:`back`,children:(0,w.jsxs)(r,{to:`/rebates`,children:[`← `,e(`incentives.backToPrograms`)]})});return C&&!l?(0,w.jsx)(m,{}):x&&!l?(0,w.jsxs)(w.Fragment,{children:[k,(0,w.jsx)(p,{error:x,onRetry:()=>E({requestPolicy:`network-only`})})]}):D?(0,w.jsxs)(`article`,{"aria-labelledby":`program-title`,children:[k,(0,w.jsxs)(`p`,{className:`eyebrow`,children:[e(`incentives.periodKind.${D.periodKind}`),` · `,e(`incentives.tierMode.${D.tierMode}`)]}),(0,w.jsx)(`h1`,{id:`program-title`,children:D.name}),D.description&&(0,w.jsx)(`p`,{className:`lead program-description`,children:D.description}),(0,w.jsxs)(`dl`,{className:`facts`,children:[(0,w.jsxs)(`div`,{children:[(0,w.jsx)(`dt`,{children:e(`incentives.runs`)}),(0,w.jsx)(`dd`,{children:D.lastPeriod?e(`incentives.runsFromTo`,{first:D.firstPeriod,last:D.lastPeriod}):e(`incentives.runsFrom`,{first:D.firstPeriod})})]}),(0,w.jsxs)(`div`,{children:[(0,w.jsx)(`dt`,{children:e(`incentives.currentPeriodLabel`)}),(0,w.jsx)(`dd`,{className:`mono`,children:D.currentPeriod??`—`})]}),(0,w.jsxs)(`div`,{children:[(0,w.jsx)(`dt`,{children:e(`incentives.audience`)}),(0,w.jsx)(`dd`,{children:(0,w.jsx)(g,{audience:D.audience})})]}),(0,w.jsxs)(`div`,{children:[(0,w.jsx)(`dt`,{children:e(`incentives.coverage`)}),(0,w.jsx)(`dd`,{children:!D.products?.length&&!D.categories?.length?e(`incentives.everyProduct`):[...D.categories??[],...(D.products??[]).map(e=>S(e,t.language))].join(`, `)})]})]}),(0,w.jsx)(`p`,{className:`muted`,children:e(`incentives.publishedBy`,{name:D.publishedByName,time:_(D.publishedAt,n)})}),(0,w.jsx)(`h2`,{id:`program-tiers`,children:e(`incentives.tiersField`)}),(0,w.jsxs)(`table`,{className:`table ladder-table`,"aria-labelledby":`program-tiers`,children:[(0,w.jsx)(`thead`,{children:(0,w.jsxs)(`tr`,{children:[(0,w.jsx)(`th`,{scope:`col`,children:e(`incentives.threshold`)}),(0,w.jsx)(`th`,{scope:`col`,className:`num`,children:e(`incentives.rate`)})]})}),(0,w.jsx)(`tbody`,{children:D.tiers.map(t=>(0,w.jsxs)(`tr`,{children:[(0,w.jsx)(`td`,{"data-label":e(`incentives.threshold`),className:`money`,children:e(`incentives.fromAmount`,{amount:O(t.threshold)})}),(0,w.jsx)(`td`,{"data-label":e(`incentives.rate`),className:`num`,children:y(t.rateBasisPoints,n)})]},t.threshold))})]}),c&&l&&(0,w.jsx)(j,{programID:D.id,periods:b(D.firstPeriod,D.lastPeriod,D.periodKind,l.settings.today).concat(D.firstPeriod>l.settings.today?[D.firstPeriod]:[]),last:D.lastPeriod??null}),c&&l&&(0,w.jsx)(M,{programID:D.id,periods:b(D.firstPeriod,D.lastPeriod,D.periodKind,l.settings.today),current:D.currentPeriod??null})]}):(0,w.jsxs)(w.Fragment,{children:[k,(0,w.jsx)(h,{children:e(`incentives.programNotFound`)})]})}function j({programID:e,periods:t,last:n}){let{t:r}=a(),i=(0,C.useId)(),[l,u]=(0,C.useState)(()=>n??t[0]??``),[d,f]=(0,C.useState)(null),[p,m]=s(k),h=o(p.error),g=h.filter(e=>e.code===`INVALID_INPUT`&&x(e.field).root===`lastPeriod`).map(()=>r(`incentives.end.refused.field.lastPeriod`))[0],_=h.filter(e=>e.code!==`INVALID_INPUT`||x(e.field).root!==`lastPeriod`).map(e=>c(r,e,`incentives.refused`))[0];return(0,w.jsxs)(`section`,{"aria-labelledby":`end-program-title`,className:`end-program`,children:[(0,w.jsx)(`h2`,{id:`end-program-title`,children:r(`incentives.end.title`)}),(0,w.jsx)(`p`,{className:`muted`,children:r(`incentives.end.intro`)}),(0,w.jsxs)(`form`,{className:`filter`,onSubmit:async t=>{t.preventDefault(),f(null);let n=await m({id:e,lastPeriod:l});!n.error&&n.data&&f(n.data.endRebateProgram.lastPeriod??l)},noValidate:!0,children:[(0,w.jsxs)(`div`,{className:`field`,children:[(0,w.jsx)(`label`,{htmlFor:i,children:r(`incentives.end.lastPeriod`)}),(0,w.jsx)(`select`,{id:i,name:`lastPeriod`,value:l,onChange:e=>(u(e.target.value),f(null)),children:t.map(e=>(0,w.jsx)(`option`,{value:e,children:e},e))}),g&&(0,w.jsx)(`p`,{className:`field-error`,role:`alert`,children:g})]}),(0,w.jsx)(`button`,{type:`submit`,className:`button`,"data-action":`end-program`,disabled:!l||p.fetching,children:r(`incentives.end.action`)})]}),_&&(0,w.jsx)(`p`,{className:`field-error`,role:`alert`,children:_}),d&&(0,w.jsx)(`p`,{className:`notice notice-ok`,role:`status`,children:r(`incentives.end.ended`,{period:d})})]})}function M({programID:e,periods:t,current:n}){let{t:r,i18n:i}=a(),l=i.language===`zh`?`zh-CN`:`en`,u=(0,C.useId)(),[f,h]=(0,C.useState)(()=>t.find(e=>e!==n)??t[0]??``),[g,_]=(0,C.useState)(null),[y,b]=(0,C.useState)(!1),[x,S]=(0,C.useState)(null),[T,E]=d({query:D,variables:{programID:e,period:g??``},pause:!g,requestPolicy:`network-only`}),[k,A]=s(O);(0,C.useEffect)(()=>{b(!1)},[f]);let j=e=>{h(e),_(null),S(null)},M=async()=>{let t=await A({programID:e,period:f});b(!1),!t.error&&t.data&&(S(t.data.settleRebates),E({requestPolicy:`network-only`}))},P=o(k.error).map(e=>c(r,e,`incentives.settleRefused`))[0],F=T.data?.rebateSettlementPreview;return(0,w.jsxs)(`section`,{"aria-labelledby":`settlement-title`,className:`settlement`,children:[(0,w.jsx)(`h2`,{id:`settlement-title`,children:r(`incentives.settlement`)}),(0,w.jsx)(`p`,{className:`muted`,children:r(`incentives.settlementIntro`)}),(0,w.jsxs)(`div`,{className:`filter`,children:[(0,w.jsx)(`label`,{htmlFor:u,children:r(`incentives.periodLabel`)}),(0,w.jsx)(`select`,{id:u,name:`period`,value:f,onChange:e=>j(e.target.value),children:t.map(e=>(0,w.jsxs)(`option`,{value:e,children:[e,e===n?` (${r(`incentives.running`)})`:``]},e))}),(0,w.jsx)(`button`,{type:`button`,className:`button`,"data-action":`preview`,disabled:!f,onClick:()=>(_(f),S(null)),children:r(`incentives.preview`)})]}),g&&T.fetching&&!F&&(0,w.jsx)(m,{}),g&&T.error&&!F&&(0,w.jsx)(p,{error:T.error}),F&&g===f&&(0,w.jsxs)(w.Fragment,{children:[(0,w.jsx)(N,{settlement:F,caption:r(`incentives.previewCaption`,{period:F.period})}),y?(0,w.jsxs)(`div`,{className:`notice confirm-settle`,role:`alertdialog`,"aria-labelledby":`confirm-settle-text`,children:[(0,w.jsx)(`p`,{id:`confirm-settle-text`,children:r(`incentives.confirmSettle`,{period:f,amount:v(F.totalToCredit,l),count:F.lines.filter(e=>Number(e.toCredit)>0).length})}),(0,w.jsxs)(`p`,{className:`actions-row`,children:[(0,w.jsx)(`button`,{type:`button`,className:`button button-primary`,"data-action":`confirm-settle`,disabled:k.fetching,onClick:M,children:r(`incentives.confirm`)}),` `,(0,w.jsx)(`button`,{type:`button`,className:`button`,"data-action":`cancel-settle`,onClick:()=>b(!1),children:r(`incentives.cancel`)})]})]}):(0,w.jsx)(`p`,{className:`actions-row`,children:(0,w.jsx)(`button`,{type:`button`,className:`button button-primary`,"data-action":`settle`,onClick:()=>b(!0),children:r(`incentives.settle`)})})]}),P&&!y&&(0,w.jsx)(`p`,{className:`field-error settle-error`,role:`alert`,children:P}),x&&(0,w.jsxs)(`div`,{className:`settled-result`,children:[(0,w.jsx)(`p`,{className:`notice notice-ok`,role:`status`,children:r(`incentives.settledNotice`,{period:x.period,amount:v(x.totalToCredit,l)})}),(0,w.jsx)(N,{settlement:x,caption:r(`incentives.settledCaption`,{period:x.period})})]})]})}function N({settlement:e,caption:t}){let{t:n,i18n:i}=a(),o=i.language===`zh`?`zh-CN`:`en`,s=e=>v(e,o);return(0,w.jsxs)(`table`,{className:`table settlement-table${e.settled?` settlement-done`:` settlement-preview`}`,children:[(0,w.jsx)(`caption`,{children:t}),(0,w.jsx)(`thead`,{children:(0,w.jsxs)(`tr`,{children:[[`dealer`,`basis`,`tier`,`earned`,`alreadyCredited`,`toCredit`,`shortfall`].map(e=>(0,w.jsx)(`th`,{scope:`col`,className:e===`dealer`||e===`tier`?void 0:`num`,children:n(`incentives.col.${e}`)},e)),e.settled&&(0,w.jsx)(`th`,{scope:`col`,children:n(`incentives.col.creditNote`)})]})}),(0,w.jsx)(`tbody`,{children:e.lines.map(t=>(0,w.jsxs)(`tr`,{"data-dealer":t.dealer.code,children:[(0,w.jsxs)(`th`,{scope:`row`,"data-label":n(`incentives.col.dealer`),children:[(0,w.jsx)(r,{to:`/dealers/${encodeURIComponent(t.dealer.id)}`,children:t.dealer.name}),` `,(0,w.jsx)(`span`,{className:`muted mono`,children:t.dealer.code})]}),(0,w.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.basis`),children:s(t.basis)}),(0,w.jsx)(`td`,{"data-label":n(`incentives.col.tier`),children:t.tier?y(t.tier.rateBasisPoints,o):`—`}),(0,w.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.earned`),children:s(t.earned)}),(0,w.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.alreadyCredited`),children:s(t.alreadyCredited)}),(0,w.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.toCredit`),"data-fact":`to-credit`,children:s(t.toCredit)}),(0,w.jsx)(`td`,{className:`num`,"data-label":n(`incentives.col.shortfall`),children:Number(t.shortfall)>0?(0,w.jsx)(`span`,{className:`badge badge-hold`,children:s(t.shortfall)}):s(t.shortfall)}),e.settled&&(0,w.jsx)(`td`,{"data-label":n(`incentives.col.creditNote`),className:`mono credit-note`,children:t.creditNote?`${t.creditNote.number} · ${s(t.creditNote.amount)}`:`—`})]},t.dealer.id))}),(0,w.jsx)(`tfoot`,{children:(0,w.jsxs)(`tr`,{children:[(0,w.jsx)(`th`,{scope:`row`,children:n(`incentives.total`)}),(0,w.jsx)(`td`,{colSpan:4}),(0,w.jsx)(`td`,{className:`num total-to-credit`,"data-label":n(`incentives.col.toCredit`),children:(0,w.jsx)(`strong`,{children:s(e.totalToCredit)})}),(0,w.jsx)(`td`,{colSpan:e.settled?2:1})]})})]})}export{k as EndRebateProgramMutation,A as RebateProgramDetail,T as RebateProgramQuery,E as RebateSettlementFieldsFragmentDoc,D as RebateSettlementPreviewQuery,O as SettleRebatesMutation};