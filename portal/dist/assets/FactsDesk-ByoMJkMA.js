import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{l as i,o as a,t as o,u as s}from"./usePageTitle-CNuGqkbR.js";import{_ as c,g as l,h as u,m as d}from"./index-BQF-CtQ0.js";import{t as f}from"./format-DyU-Atiu.js";import{n as p,t as m}from"./fields-B9GNAaMK.js";var h=e(t(),1),g=n(),_=10,v=a(`
  query FactsOptions {
    settings {
      today
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }) {
      edges {
        node {
          id
          code
          name
          channelID
        }
      }
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`),y=a(`
  query FactLists($first: Int!, $month: Period!) {
    distributionSurveys(first: $first) {
      totalCount
      edges {
        node {
          id
          surveyedOn
          outletsVisited
          outletsCarrying
          note
          recordedByName
          dealer {
            id
            name
          }
        }
      }
    }
    satisfactionScores(first: $first) {
      totalCount
      edges {
        node {
          id
          scoredOn
          score
          note
          recordedByName
          dealer {
            id
            name
          }
        }
      }
    }
    channelCosts(first: $first) {
      totalCount
      edges {
        node {
          id
          incurredOn
          category
          amount
          note
          channel {
            id
            name
          }
          dealer {
            id
            name
          }
        }
      }
    }
    marketShares(from: $month, to: $month) {
      id
      month
      share
      territory {
        id
        code
        name
      }
    }
  }
`),b=a(`
  mutation RecordDistributionSurvey($input: RecordDistributionSurveyInput!) {
    recordDistributionSurvey(input: $input) {
      id
    }
  }
`),x=a(`
  mutation RecordSatisfactionScore($input: RecordSatisfactionScoreInput!) {
    recordSatisfactionScore(input: $input) {
      id
    }
  }
`),S=a(`
  mutation RecordChannelCost($input: RecordChannelCostInput!) {
    recordChannelCost(input: $input) {
      id
    }
  }
`),C=a(`
  mutation SetMarketShares($input: [MarketShareInput!]!) {
    setMarketShares(input: $input) {
      id
    }
  }
`);function w(){let{t:e,i18n:t}=r();o(e(`facts.deskTitle`));let[{data:n}]=c(),i=n?.me.role,[a,p]=(0,h.useState)(0),[{data:m,error:b}]=s({query:v,pause:!i||i===`DEALER`}),[x,S]=(0,h.useState)(``),C=m?.settings.today??``,w=x||C.slice(0,7),[{data:T,error:A},j]=s({query:y,variables:{first:_,month:w},pause:!w||i===`DEALER`});if((0,h.useEffect)(()=>{a&&j({requestPolicy:`network-only`})},[a,j]),i===`DEALER`)return(0,g.jsxs)(`section`,{children:[(0,g.jsx)(`h1`,{children:e(`facts.deskTitle`)}),(0,g.jsx)(`p`,{className:`lead`,children:e(`facts.staffOnly`)})]});if(b&&!m)return(0,g.jsx)(u,{error:b});if(!m||!i)return(0,g.jsx)(l,{});let M=i===`ADMIN`,N=(m.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),P=(m.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),F=(m.territories.edges??[]).flatMap(e=>e?.node?[e.node]:[]),I=()=>p(e=>e+1),L=e=>(e?.edges??[]).flatMap(e=>e?.node?[e.node]:[]),R=(t,n)=>A&&!T?(0,g.jsx)(u,{error:A}):T?n?(0,g.jsx)(d,{children:e(`facts.none`)}):t:(0,g.jsx)(l,{}),z=L(T?.distributionSurveys),B=L(T?.satisfactionScores),V=L(T?.channelCosts),H=T?.marketShares??[];return(0,g.jsxs)(`section`,{"aria-labelledby":`facts-title`,className:`facts-desk`,children:[(0,g.jsx)(`h1`,{id:`facts-title`,children:e(`facts.deskTitle`)}),(0,g.jsx)(`p`,{className:`lead`,children:e(M?`facts.adminIntro`:`facts.managerIntro`)}),(0,g.jsxs)(`section`,{"aria-labelledby":`facts-surveys`,className:`facts-section`,children:[(0,g.jsx)(`h2`,{id:`facts-surveys`,children:e(`facts.surveys`)}),(0,g.jsx)(E,{dealers:N,today:C,onSent:I}),R((0,g.jsxs)(`table`,{className:`table facts-surveys`,children:[(0,g.jsx)(`thead`,{children:(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.date`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.dealer`)}),(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`facts.outletsCarrying`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.recordedBy`)})]})}),(0,g.jsx)(`tbody`,{children:z.map(t=>(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`row`,"data-label":e(`facts.date`),children:t.surveyedOn}),(0,g.jsx)(`td`,{"data-label":e(`facts.dealer`),children:t.dealer.name}),(0,g.jsx)(`td`,{"data-label":e(`facts.outletsCarrying`),className:`num`,children:e(`facts.carryingOf`,{carrying:t.outletsCarrying,visited:t.outletsVisited})}),(0,g.jsx)(`td`,{"data-label":e(`facts.recordedBy`),children:t.recordedByName})]},t.id))})]}),!z.length)]}),(0,g.jsxs)(`section`,{"aria-labelledby":`facts-scores`,className:`facts-section`,children:[(0,g.jsx)(`h2`,{id:`facts-scores`,children:e(`facts.scores`)}),(0,g.jsx)(D,{dealers:N,today:C,onSent:I}),R((0,g.jsxs)(`table`,{className:`table facts-scores`,children:[(0,g.jsx)(`thead`,{children:(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.date`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.dealer`)}),(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`facts.score`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.recordedBy`)})]})}),(0,g.jsx)(`tbody`,{children:B.map(t=>(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`row`,"data-label":e(`facts.date`),children:t.scoredOn}),(0,g.jsx)(`td`,{"data-label":e(`facts.dealer`),children:t.dealer.name}),(0,g.jsxs)(`td`,{"data-label":e(`facts.score`),className:`num`,children:[t.score,` / 5`]}),(0,g.jsx)(`td`,{"data-label":e(`facts.recordedBy`),children:t.recordedByName})]},t.id))})]}),!B.length)]}),(0,g.jsxs)(`section`,{"aria-labelledby":`facts-costs`,className:`facts-section`,children:[(0,g.jsx)(`h2`,{id:`facts-costs`,children:e(`facts.costs`)}),M&&(0,g.jsx)(O,{dealers:N,channels:P,today:C,onSent:I}),R((0,g.jsxs)(`table`,{className:`table facts-costs`,children:[(0,g.jsx)(`thead`,{children:(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.date`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.channel`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`facts.category`)}),(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`facts.amount`)})]})}),(0,g.jsx)(`tbody`,{children:V.map(n=>(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`row`,"data-label":e(`facts.date`),children:n.incurredOn}),(0,g.jsxs)(`td`,{"data-label":e(`facts.channel`),children:[n.channel.name,n.dealer&&(0,g.jsxs)(`span`,{className:`muted`,children:[` · `,n.dealer.name]})]}),(0,g.jsx)(`td`,{"data-label":e(`facts.category`),children:n.category}),(0,g.jsx)(`td`,{"data-label":e(`facts.amount`),className:`num money`,children:f(n.amount,t.language)})]},n.id))})]}),!V.length)]}),(0,g.jsxs)(`section`,{"aria-labelledby":`facts-shares`,className:`facts-section`,children:[(0,g.jsx)(`h2`,{id:`facts-shares`,children:e(`facts.shares`)}),(0,g.jsxs)(`div`,{className:`filter`,children:[(0,g.jsx)(`label`,{htmlFor:`facts-month`,children:e(`facts.month`)}),(0,g.jsx)(`input`,{id:`facts-month`,type:`month`,value:w,onChange:e=>S(e.target.value)})]}),M?(0,g.jsx)(k,{month:w,territories:F,current:Object.fromEntries(H.map(e=>[e.territory.id,e.share])),onSent:I},w):R((0,g.jsx)(`table`,{className:`table facts-shares`,children:(0,g.jsx)(`tbody`,{children:H.map(e=>(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`row`,children:e.territory.name}),(0,g.jsxs)(`td`,{className:`num`,children:[(e.share*100).toLocaleString(t.language,{maximumFractionDigits:1}),` %`]})]},e.id))})}),!H.length)]})]})}function T({id:e,value:t,dealers:n,onChange:i,optional:a}){let{t:o}=r();return(0,g.jsxs)(`select`,{id:e,name:`dealerID`,value:t,onChange:i,children:[(0,g.jsx)(`option`,{value:``,children:o(a?`facts.wholeChannel`:`facts.chooseDealer`)}),n.map(e=>(0,g.jsxs)(`option`,{value:e.id,children:[e.code,` `,e.name]},e.id))]})}function E({dealers:e,today:t,onSent:n}){let{t:a}=r(),o=(0,h.useId)(),s={dealerID:``,date:t,outletsVisited:``,outletsCarrying:``,note:``},[c,l]=(0,h.useState)(s),[u,d]=(0,h.useState)(!1),[{fetching:f,error:_},v]=i(b),y=e=>t=>l(n=>({...n,[e]:t.target.value}));return(0,g.jsxs)(`form`,{className:`form facts-form survey-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),d(!1),(await v({input:{dealerID:c.dealerID,date:c.date,outletsVisited:Number(c.outletsVisited||0),outletsCarrying:Number(c.outletsCarrying||0),note:c.note||null}})).error||(l(s),d(!0),n())},children:[(0,g.jsxs)(`div`,{className:`field-row`,children:[(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-dealer`,children:a(`facts.dealer`)}),(0,g.jsx)(T,{id:`${o}-dealer`,value:c.dealerID,dealers:e,onChange:y(`dealerID`)}),(0,g.jsx)(m,{error:_,name:`dealerID`})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-date`,children:a(`facts.date`)}),(0,g.jsx)(`input`,{id:`${o}-date`,name:`date`,type:`date`,max:t,value:c.date,onChange:y(`date`)}),(0,g.jsx)(m,{error:_,name:`date`})]})]}),(0,g.jsxs)(`div`,{className:`field-row`,children:[(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-visited`,children:a(`facts.outletsVisited`)}),(0,g.jsx)(`input`,{id:`${o}-visited`,name:`outletsVisited`,type:`number`,min:1,inputMode:`numeric`,value:c.outletsVisited,onChange:y(`outletsVisited`)}),(0,g.jsx)(m,{error:_,name:`outletsVisited`})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-carrying`,children:a(`facts.outletsCarrying`)}),(0,g.jsx)(`input`,{id:`${o}-carrying`,name:`outletsCarrying`,type:`number`,min:0,inputMode:`numeric`,value:c.outletsCarrying,onChange:y(`outletsCarrying`)}),(0,g.jsx)(m,{error:_,name:`outletsCarrying`})]})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-note`,children:a(`facts.note`)}),(0,g.jsx)(`textarea`,{id:`${o}-note`,name:`note`,rows:2,maxLength:2e3,value:c.note,onChange:y(`note`)}),(0,g.jsx)(m,{error:_,name:`note`})]}),(0,g.jsx)(p,{error:_,fields:[`dealerID`,`date`,`outletsVisited`,`outletsCarrying`,`note`]}),(0,g.jsxs)(`p`,{className:`actions-row`,children:[(0,g.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:f,children:a(`facts.recordSurvey`)}),(0,g.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:u?a(`facts.recorded`):``})]})]})}function D({dealers:e,today:t,onSent:n}){let{t:a}=r(),o=(0,h.useId)(),s={dealerID:``,date:t,score:``,note:``},[c,l]=(0,h.useState)(s),[u,d]=(0,h.useState)(!1),[{fetching:f,error:_},v]=i(x),y=e=>t=>l(n=>({...n,[e]:t.target.value}));return(0,g.jsxs)(`form`,{className:`form facts-form score-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),d(!1),(await v({input:{dealerID:c.dealerID,date:c.date,score:Number(c.score||0),note:c.note||null}})).error||(l(s),d(!0),n())},children:[(0,g.jsxs)(`div`,{className:`field-row`,children:[(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-dealer`,children:a(`facts.dealer`)}),(0,g.jsx)(T,{id:`${o}-dealer`,value:c.dealerID,dealers:e,onChange:y(`dealerID`)}),(0,g.jsx)(m,{error:_,name:`dealerID`})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-date`,children:a(`facts.date`)}),(0,g.jsx)(`input`,{id:`${o}-date`,name:`date`,type:`date`,max:t,value:c.date,onChange:y(`date`)}),(0,g.jsx)(m,{error:_,name:`date`})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-score`,children:a(`facts.score`)}),(0,g.jsxs)(`select`,{id:`${o}-score`,name:`score`,value:c.score,onChange:y(`score`),children:[(0,g.jsx)(`option`,{value:``,children:a(`facts.chooseScore`)}),[5,4,3,2,1].map(e=>(0,g.jsx)(`option`,{value:e,children:a(`facts.scoreLabel.${e}`)},e))]}),(0,g.jsx)(m,{error:_,name:`score`})]})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${o}-note`,children:a(`facts.note`)}),(0,g.jsx)(`textarea`,{id:`${o}-note`,name:`note`,rows:2,maxLength:2e3,value:c.note,onChange:y(`note`)}),(0,g.jsx)(m,{error:_,name:`note`})]}),(0,g.jsx)(p,{error:_,fields:[`dealerID`,`date`,`score`,`note`]}),(0,g.jsxs)(`p`,{className:`actions-row`,children:[(0,g.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:f,children:a(`facts.recordScore`)}),(0,g.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:u?a(`facts.recorded`):``})]})]})}function O({dealers:e,channels:t,today:n,onSent:a}){let{t:o}=r(),s=(0,h.useId)(),c={channelID:t[0]?.id??``,dealerID:``,date:n,category:``,amount:``,note:``},[l,u]=(0,h.useState)(c),[d,f]=(0,h.useState)(!1),[{fetching:_,error:v},y]=i(S),b=e=>t=>u(n=>({...n,[e]:t.target.value}));return(0,g.jsxs)(`form`,{className:`form facts-form cost-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),f(!1),(await y({input:{channelID:l.channelID,dealerID:l.dealerID||null,date:l.date,category:l.category,amount:l.amount.trim()||`0`,note:l.note||null}})).error||(u({...c,channelID:l.channelID}),f(!0),a())},children:[(0,g.jsxs)(`div`,{className:`field-row`,children:[(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${s}-channel`,children:o(`facts.channel`)}),(0,g.jsx)(`select`,{id:`${s}-channel`,name:`channelID`,value:l.channelID,onChange:e=>u(t=>({...t,channelID:e.target.value,dealerID:``})),children:t.map(e=>(0,g.jsx)(`option`,{value:e.id,children:e.name},e.id))}),(0,g.jsx)(m,{error:v,name:`channelID`})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${s}-dealer`,children:o(`facts.forDealer`)}),(0,g.jsx)(T,{id:`${s}-dealer`,value:l.dealerID,dealers:e.filter(e=>e.channelID===l.channelID),onChange:b(`dealerID`),optional:!0}),(0,g.jsx)(m,{error:v,name:`dealerID`})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${s}-date`,children:o(`facts.incurredOn`)}),(0,g.jsx)(`input`,{id:`${s}-date`,name:`date`,type:`date`,value:l.date,onChange:b(`date`)}),(0,g.jsx)(m,{error:v,name:`date`})]})]}),(0,g.jsxs)(`div`,{className:`field-row`,children:[(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${s}-category`,children:o(`facts.category`)}),(0,g.jsx)(`input`,{id:`${s}-category`,name:`category`,maxLength:100,value:l.category,onChange:b(`category`)}),(0,g.jsx)(m,{error:v,name:`category`})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${s}-amount`,children:o(`facts.amount`)}),(0,g.jsx)(`input`,{id:`${s}-amount`,name:`amount`,inputMode:`decimal`,value:l.amount,onChange:b(`amount`)}),(0,g.jsx)(m,{error:v,name:`amount`})]})]}),(0,g.jsxs)(`div`,{className:`field`,children:[(0,g.jsx)(`label`,{htmlFor:`${s}-note`,children:o(`facts.note`)}),(0,g.jsx)(`textarea`,{id:`${s}-note`,name:`note`,rows:2,maxLength:2e3,value:l.note,onChange:b(`note`)}),(0,g.jsx)(m,{error:v,name:`note`})]}),(0,g.jsx)(p,{error:v,fields:[`channelID`,`dealerID`,`date`,`category`,`amount`,`note`]}),(0,g.jsxs)(`p`,{className:`actions-row`,children:[(0,g.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:_,children:o(`facts.recordCost`)}),(0,g.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:d?o(`facts.recorded`):``})]})]})}function k({month:e,territories:t,current:n,onSent:a}){let{t:o}=r(),s=e=>e===void 0?``:String(Math.round(e*1e3)/10),[c,l]=(0,h.useState)({}),[u,d]=(0,h.useState)(!1),[{fetching:f,error:m},_]=i(C),v=e=>c[e]??s(n[e]);return(0,g.jsxs)(`form`,{className:`form facts-form shares-form`,noValidate:!0,onSubmit:async n=>{n.preventDefault(),d(!1);let r=t.filter(e=>v(e.id).trim()!==``).map(t=>({territoryID:t.id,month:e,share:Number(v(t.id))/100}));(await _({input:r})).error||(l({}),d(!0),a())},children:[(0,g.jsx)(`table`,{className:`table facts-shares`,children:(0,g.jsx)(`tbody`,{children:t.map(e=>(0,g.jsxs)(`tr`,{"data-territory":e.code,children:[(0,g.jsx)(`th`,{scope:`row`,children:(0,g.jsx)(`label`,{htmlFor:`share-${e.id}`,children:e.name})}),(0,g.jsxs)(`td`,{className:`num`,children:[(0,g.jsx)(`input`,{id:`share-${e.id}`,inputMode:`decimal`,className:`share-input`,value:v(e.id),onChange:t=>l(n=>({...n,[e.id]:t.target.value}))}),` `,`%`]})]},e.id))})}),(0,g.jsx)(p,{error:m,fields:[]}),(0,g.jsxs)(`p`,{className:`actions-row`,children:[(0,g.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:f,children:o(`facts.saveShares`)}),(0,g.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:u?o(`facts.recorded`):``})]})]})}export{y as FactListsQuery,w as FactsDesk,v as FactsOptionsQuery,S as RecordCostMutation,x as RecordScoreMutation,b as RecordSurveyMutation,C as SetSharesMutation};